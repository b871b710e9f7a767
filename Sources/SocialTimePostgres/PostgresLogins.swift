import PostgresNIO
import SocialTimeCore

/// The statements behind `staff add HANDLE --login`, `promote`, `demote`, `deactivate` and
/// `activate` on PostgreSQL. Every handle is a bound parameter; the role names in the DDL are
/// quoted inside the database by `format('%I')` (see `PostgresSchema`), never spliced here.
///
/// Promote, demote, deactivate and activate are roster updates: the `staff_sync_login`
/// trigger grants or revokes `socialtime_manager` and sets LOGIN/NOLOGIN to match, so the
/// roster and the logins cannot drift apart, whoever changes the roster.
public enum PostgresLogins {
    /// Creates `handle`'s login role (LOGIN, in `socialtime_staff`, and in `socialtime_manager`
    /// for a manager). The person must be on the roster first. Managers and the administrator
    /// only (EXECUTE is granted to `socialtime_manager`).
    public static func createLogin(_ handle: Handle) -> PostgresQuery {
        "SELECT socialtime.create_login(\(handle.value))"
    }

    /// `promote` (true) or `demote` (false): the roster role, and with it the group membership.
    public static func setManager(_ handle: Handle, _ manager: Bool) -> PostgresQuery {
        "UPDATE socialtime.staff SET role = \(manager ? "manager" : "staff") WHERE handle = \(handle.value)"
    }

    /// `activate` (true) or `deactivate` (false): the roster flag, and with it LOGIN/NOLOGIN.
    public static func setActive(_ handle: Handle, _ active: Bool) -> PostgresQuery {
        "UPDATE socialtime.staff SET active = \(active) WHERE handle = \(handle.value)"
    }

    /// `DataStore.connectedRole()`: the login role and whether it is the administrator.
    public static let connectedRole: PostgresQuery = """
        SELECT current_user::text, current_user::text = (SELECT role_name FROM socialtime.administrator)
        """

    /// `WriteTransaction.lockStaff(_:)`: the same per-person advisory lock the cap trigger
    /// takes, so a rule checked in Swift and the trigger's sum serialize on one key.
    public static func lockStaff(_ staffID: Int) -> PostgresQuery {
        "SELECT pg_catalog.pg_advisory_xact_lock(\(PostgresSchema.advisoryLockClass), (\(staffID)::bigint % 2147483647)::integer)"
    }

    /// The administrator recorded by `db init`: acting as itself it has every manager right.
    public static let administrator: PostgresQuery = "SELECT role_name FROM socialtime.administrator"

    /// Whether the connected role has manager rights in the database's own view.
    public static let currentRoleIsManager: PostgresQuery = "SELECT socialtime.is_manager()"
}
