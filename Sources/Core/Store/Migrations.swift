import Foundation
import GRDB

/// The store's schema, as named, append-only migrations: `<date>-<topic>`.
/// A landed migration is never edited; a change is a new migration with a test that
/// opens a committed store file of the previous version (Tests/CoreTests/Fixtures/stores).
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("2026-11-22-initial-schema") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL) WITHOUT ROWID;
                CREATE TABLE device (
                    id BLOB PRIMARY KEY NOT NULL,
                    signing_public_key BLOB NOT NULL,
                    added_hlc INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE event (
                    id BLOB PRIMARY KEY NOT NULL,
                    device_id BLOB NOT NULL,
                    seq INTEGER NOT NULL,
                    prev BLOB NOT NULL,
                    hlc INTEGER NOT NULL,
                    author BLOB NOT NULL,
                    entity_kind TEXT NOT NULL,
                    entity_id BLOB NOT NULL,
                    case_id BLOB,
                    field_group TEXT NOT NULL,
                    overwrote BLOB,
                    payload_digest BLOB NOT NULL,
                    schema INTEGER NOT NULL,
                    op INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    UNIQUE (device_id, seq)
                );
                CREATE INDEX event_case ON event(case_id);
                CREATE TABLE chain_head (
                    device_id BLOB PRIMARY KEY NOT NULL,
                    seq INTEGER NOT NULL,
                    head BLOB NOT NULL,
                    signature BLOB NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE entity_state (
                    entity_kind TEXT NOT NULL,
                    entity_id BLOB NOT NULL,
                    field_group TEXT NOT NULL,
                    case_id BLOB,
                    event_id BLOB NOT NULL,
                    hlc INTEGER NOT NULL,
                    removed INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (entity_kind, entity_id, field_group)
                ) WITHOUT ROWID;
                CREATE INDEX entity_state_case ON entity_state(case_id);
                CREATE TABLE case_key (case_id BLOB PRIMARY KEY NOT NULL, wrapped BLOB NOT NULL) WITHOUT ROWID;
                CREATE TABLE case_index (
                    case_id BLOB PRIMARY KEY NOT NULL,
                    code TEXT NOT NULL UNIQUE,
                    phase TEXT NOT NULL,
                    coordinator BLOB NOT NULL,
                    backup BLOB,
                    region TEXT NOT NULL,
                    municipality TEXT NOT NULL,
                    opened TEXT NOT NULL,
                    updated_hlc INTEGER NOT NULL,
                    summary BLOB NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX case_index_coordinator ON case_index(coordinator);
                CREATE INDEX case_index_backup ON case_index(backup);
                CREATE TABLE audit (seq INTEGER PRIMARY KEY NOT NULL, entry BLOB NOT NULL, mac BLOB NOT NULL);
                CREATE TABLE audit_head (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL,
                    mac BLOB NOT NULL,
                    signature BLOB NOT NULL
                );
                CREATE TABLE tombstone (case_id BLOB PRIMARY KEY NOT NULL, erased_hlc INTEGER NOT NULL) WITHOUT ROWID;
                """)
        }
        // Attachments: the sealed bytes, one row per document (referenced by `CaseDocument.blob`),
        // kept out of the event log so that a 20 MB letter is not copied into every event scan.
        m.registerMigration("2026-11-22-document-blobs") { db in
            try db.execute(sql: """
                CREATE TABLE document_blob (
                    id BLOB PRIMARY KEY NOT NULL,
                    case_id BLOB NOT NULL,
                    sealed BLOB NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX document_blob_case ON document_blob(case_id);
                """)
        }
        // Peers: other stores this one exchanges bundles with (issue 8). The card (a colleague's
        // name) is sealed; the public keys stay readable so that a bundle's sender can be
        // checked before anything is decrypted. `revoked_at`: a lost laptop, trusted no more.
        m.registerMigration("2026-11-22-peers") { db in
            try db.execute(sql: """
                CREATE TABLE peer (
                    device_id BLOB PRIMARY KEY NOT NULL,
                    agreement_public_key BLOB NOT NULL,
                    signing_public_key BLOB NOT NULL,
                    card BLOB NOT NULL,
                    added_at INTEGER NOT NULL,
                    revoked_at INTEGER
                ) WITHOUT ROWID;
                """)
        }
        // Sync (issue 8). Registers keep every concurrent value: `conflict` holds the heads that
        // lost the deterministic pick (kind 1) and edits made while another device closed the
        // case (kind 2). `event_overwrote`/`event_parent` answer "is this event replaced?" for
        // events that arrive after their successors. Peers learn their user and a sharing
        // policy; `peer_sync` is what each peer acknowledged; `peer_case` the cases it holds in
        // full; `revoked_device` travels in bundles; `held_bundle` waits for a newer schema or
        // an earlier bundle.
        m.registerMigration("2026-11-22-sync") { db in
            try db.execute(sql: """
                CREATE INDEX event_overwrote ON event(overwrote);
                CREATE TABLE event_parent (parent BLOB NOT NULL, child BLOB NOT NULL, PRIMARY KEY (parent, child)) WITHOUT ROWID;
                CREATE TABLE conflict (
                    entity_kind TEXT NOT NULL,
                    entity_id BLOB NOT NULL,
                    field_group TEXT NOT NULL,
                    case_id BLOB,
                    event_id BLOB NOT NULL,
                    kind INTEGER NOT NULL,
                    PRIMARY KEY (entity_kind, entity_id, field_group, event_id)
                ) WITHOUT ROWID;
                CREATE INDEX conflict_case ON conflict(case_id);
                ALTER TABLE peer ADD COLUMN user_id BLOB;
                ALTER TABLE peer ADD COLUMN policy BLOB;
                CREATE TABLE peer_sync (
                    device_id BLOB PRIMARY KEY NOT NULL,
                    holds BLOB NOT NULL,
                    last_in INTEGER,
                    last_out INTEGER,
                    told BLOB
                ) WITHOUT ROWID;
                CREATE TABLE peer_case (device_id BLOB NOT NULL, case_id BLOB NOT NULL, PRIMARY KEY (device_id, case_id)) WITHOUT ROWID;
                CREATE TABLE revoked_device (device_id BLOB PRIMARY KEY NOT NULL, revoked_at INTEGER NOT NULL, by_device BLOB) WITHOUT ROWID;
                INSERT INTO revoked_device (device_id, revoked_at) SELECT device_id, revoked_at FROM peer WHERE revoked_at IS NOT NULL;
                CREATE TABLE imported_bundle (digest BLOB PRIMARY KEY NOT NULL, at INTEGER NOT NULL) WITHOUT ROWID;
                """)
        }
        // Most events replace nothing (83% in a demo store): their NULL `overwrote` need not be
        // indexed. "Is this event replaced?" asks `overwrote = ?`, which a partial index serves.
        // Smaller index: faster imports of large bundles and a shorter `schakel check`.
        m.registerMigration("2026-11-23-partial-overwrote-index") { db in
            try db.execute(sql: """
                DROP INDEX event_overwrote;
                CREATE INDEX event_overwrote ON event(overwrote) WHERE overwrote IS NOT NULL;
                """)
        }
        // What an anonymised case leaves for the reports (issue 9): a sealed `ReportRecord`,
        // months only, no case id, so nothing links it back to the erased case.
        m.registerMigration("2026-11-23-anonymous-records") { db in
            try db.execute(sql: "CREATE TABLE anonymous_record (id BLOB PRIMARY KEY NOT NULL, record BLOB NOT NULL) WITHOUT ROWID")
        }
        return m
    }

    static var names: [String] { migrator.migrations }
}
