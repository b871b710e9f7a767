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
    public static func createLogin(_ handle: Handle, existing: Bool = false) -> PostgresQuery {
        "SELECT socialtime.create_login(\(handle.value), \(existing))"
    }

    /// `promote` (true) or `demote` (false): the roster role, and with it the group membership.
    public static func setManager(_ handle: Handle, _ manager: Bool) -> PostgresQuery {
        """
        SELECT socialtime.update_staff(s.id, NULL, false, NULL, \(manager ? "manager" : "staff"), NULL)
        FROM socialtime.staff s WHERE s.handle = \(handle.value)
        """
    }

    /// `activate` (true) or `deactivate` (false): the roster flag, and with it LOGIN/NOLOGIN.
    public static func setActive(_ handle: Handle, _ active: Bool) -> PostgresQuery {
        """
        SELECT socialtime.update_staff(s.id, NULL, false, NULL, NULL, \(active))
        FROM socialtime.staff s WHERE s.handle = \(handle.value)
        """
    }

    /// `DataStore.connectedRole()`: the login role and whether it is the administrator.
    public static let connectedRole: PostgresQuery = """
        SELECT current_user::text, current_user::text = (SELECT role_name FROM socialtime.administrator)
        """

    /// `WriteTransaction.lockStaff(_:)`: the person's roster row, locked by a database function
    /// (own row, or any for a manager) — the lock the cap trigger and every write take.
    public static func lockStaff(_ staffID: Int) -> PostgresQuery {
        "SELECT socialtime.lock_staff(\(staffID))"
    }

    /// The administrator recorded by `db init`: acting as itself it has every manager right.
    public static let administrator: PostgresQuery = "SELECT role_name FROM socialtime.administrator"

    /// Whether the connected role has manager rights in the database's own view.
    public static let currentRoleIsManager: PostgresQuery = "SELECT socialtime.is_manager()"
}
