import Foundation
import GRDB
import GRDBSQLite

/// Runs a cached GRDB statement through SQLite's C API: binds each value in place and steps.
/// For the statements an import runs once per event (a million times): GRDB's argument arrays
/// box every value and cost more than the insert's own work in SQLite. Everything else goes
/// through GRDB.
struct RawStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private var index: Int32 = 0

    init(_ statement: Statement) {
        self.statement = statement
        self.handle = statement.sqliteStatement
        // GRDB may have left it stepped; binding needs a reset statement.
        sqlite3_reset(handle)
    }

    /// SQLite copies the bytes before `bind` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ value: Data?) {
        index += 1
        guard let value else { sqlite3_bind_null(handle, index); return }
        value.withUnsafeBytes { p in
            // A non-null pointer for an empty blob: NULL would bind SQL NULL.
            _ = sqlite3_bind_blob(handle, index, p.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(p.count), Self.transient)
        }
    }

    mutating func bind(_ value: UUID?) {
        index += 1
        guard let value else { sqlite3_bind_null(handle, index); return }
        withUnsafeBytes(of: value.uuid) { p in _ = sqlite3_bind_blob(handle, index, p.baseAddress, 16, Self.transient) }
    }

    mutating func bind(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(handle, index, value)
    }

    mutating func bind(_ value: String) {
        index += 1
        var value = value
        value.withUTF8 { p in
            _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(p.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self),
                                  Int32(p.count), Self.transient)
        }
    }

    /// Runs a query with the values bound so far and gives its first row's columns as bytes to
    /// `read` (nil: no row); then makes the statement ready for the next values.
    mutating func firstRow<T>(_ read: (_ blob: (Int32) -> Data) throws -> T) throws -> T? {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            index = 0
        }
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            let handle = self.handle
            return try read { column in
                let count = Int(sqlite3_column_bytes(handle, column))
                guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return Data() }
                return Data(bytes: bytes, count: count)
            }
        case SQLITE_DONE:
            return nil
        case let code:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                                sql: statement.sql)
        }
    }

    /// Runs the statement with the values bound so far (a statement that returns no rows), then
    /// makes it ready for the next values.
    mutating func execute() throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            index = 0
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                                sql: statement.sql)
        }
    }
}
