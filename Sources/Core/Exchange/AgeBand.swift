import Foundation

/// The age bands of anonymous figures (issue 9) and the CoMensha data set.
public enum AgeBand: String, CaseIterable, Sendable {
    case minor = "0-17", young = "18-22", adult = "23-29", older = "30+", unknown = "onbekend"

    public init(age: Int?) {
        guard let age else { self = .unknown; return }
        switch age {
        case ..<18: self = .minor
        case 18...22: self = .young
        case 23...29: self = .adult
        default: self = .older
        }
    }
}
