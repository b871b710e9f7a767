/// Who runs a command, as the operating system or the database server says, and whom they ask
/// to act as.
public struct Identity: Sendable, Equatable {
    /// The login: the operating-system account running the command (from the password
    /// database, never `$USER`), or the PostgreSQL login role. Its handle is the login name.
    public let login: String?
    /// `--as HANDLE` or `$SOCIALTIME_USER`, when given; nil acts as the login.
    public let requested: String?
    /// Where `requested` came from, for messages: "--as" or "SOCIALTIME_USER".
    public let requestSource: String
    /// The login administers the store: it owns the database file, or it is the role that ran
    /// `db init`. Acting as itself it has every manager right, on the roster or not.
    public let administersStore: Bool

    public init(login: String?, requested: String?, requestSource: String = "--as", administersStore: Bool) {
        self.login = login
        self.requested = requested
        self.requestSource = requestSource
        self.administersStore = administersStore
    }
}

/// The rights an acting person has.
public enum Rights: Sendable, Equatable {
    /// The store's administrator acting as itself (cron runs so).
    case administrator
    /// An active manager, or anyone while the roster has no manager yet (setting a database up).
    case manager
    case staff
}

/// The acting person of one command, resolved inside its transaction.
public struct Actor: Sendable, Equatable {
    public let handle: Handle
    /// Nil when the acting person is not on the roster (yet).
    public let member: StaffMember?
    public let rights: Rights

    public var isManager: Bool { rights != .staff }

    /// Refuses an action only a manager may take, naming the rule (exit 77).
    public func requireManager(to action: String) throws(SocialTimeError) {
        guard isManager else {
            throw .permissionDenied("only a manager can \(action); \(handle) is staff")
        }
    }

    /// Refuses an action on another person's data unless the actor is a manager.
    public func requireOwnOrManager(_ owner: Handle, to action: String) throws(SocialTimeError) {
        guard owner != handle else { return }
        guard isManager else {
            throw .permissionDenied("only a manager can \(action) another person's data; \(handle) is staff and this belongs to \(owner)")
        }
    }
}

extension Handle {
    /// Validates a handle and says where it came from (`--as`, `SOCIALTIME_USER`, the login name).
    init(validating text: String, field: String) throws(SocialTimeError) {
        do {
            try self.init(validating: text)
        } catch {
            throw .invalidInput("\(field): \(error.message)")
        }
    }

    /// A handle read back from a store, whose constraints already checked it.
    public static func stored(_ value: String) -> Handle { Handle(trusted: value) }
}
