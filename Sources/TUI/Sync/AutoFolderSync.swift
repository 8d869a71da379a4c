import Foundation
import Core

/// Shared-folder sync while the TUI runs (`sync.map` with `sync.interval` > 0): from the
/// shell's once-a-second tick, never while a form holds unsaved input or a meeting runs.
/// A failure is a toast, never more; a round that brought something reloads the panes.
final class FolderSyncSchedule {
    var last: ContinuousClock.Instant?

    /// True when a round is due at `now` (the first round comes one interval after unlocking).
    func isDue(at now: ContinuousClock.Instant, interval: Int) -> Bool {
        guard interval > 0 else { return false }
        guard let last else { self.last = now; return false }
        return now - last >= .seconds(interval)
    }
}

extension Shell {
    func autoSyncIfDue() {
        guard let ws = workspace, options.config.syncFolder != nil, !options.follower,
              folderSync.isDue(at: now(), interval: options.config.syncIntervalSeconds) else { return }
        if meetingRunning { return }
        var syncView: SyncView?
        if case .flow(let flow)? = overlay {
            if flow.hasUnsavedInput || flow.holdsAutoLock { return }
            syncView = flow as? SyncView
        }
        folderSync.last = now()
        do {
            let report = try SyncActions.syncFolder(ws.store, config: options.config)
            let brought = !report.received.isEmpty || !report.signals.isEmpty
            if brought {
                // The panes re-read what arrived; a flow keeps what it shows until it closes.
                reload(silently: true)
            } else {
                try? ws.reloadSyncState()
            }
            if let syncView { try? syncView.refresh() }
            if !report.failures.isEmpty {
                post(SyncActions.summary(report), kind: .warning)
            } else if brought {
                post(SyncActions.summary(report))
            }
        } catch {
            post(L10n.t("sync.auto.failed", SchakelError.from(error).message), kind: .warning)
        }
    }
}
