/// The rules of socialtime, once, above any store: who may do what, the 24-hour day, the
/// justification workflow, dated thresholds, validation and registration. Every command calls
/// it; it reaches the data only through `DataStore` transactions, so SQLite and PostgreSQL get
/// the same rules from the same code.
///
/// It never prints, exits, reads the environment or the clock: the time comes in as `clock`,
/// the person as `identity`.
public struct Rulebook: Sendable {
    public let store: any DataStore
    public let clock: Clock
    public let identity: Identity

    public init(store: any DataStore, clock: Clock, identity: Identity) {
        self.store = store
        self.clock = clock
        self.identity = identity
    }

    var now: String { clock.timestamp }

    // MARK: - Transactions

    /// A read transaction with errors mapped to `SocialTimeError`.
    func read<T>(_ body: (any ReadTransaction) async throws -> T) async throws(SocialTimeError) -> T {
        do {
            return try await store.read(body)
        } catch {
            throw Self.mapped(error)
        }
    }

    /// A write transaction with errors mapped to `SocialTimeError`. Refusals thrown inside roll
    /// everything back, the audit log included.
    func write<T>(_ body: (any WriteTransaction) async throws -> T) async throws(SocialTimeError) -> T {
        do {
            return try await store.write(body)
        } catch {
            throw Self.mapped(error)
        }
    }

    public static func mapped(_ error: any Error) -> SocialTimeError {
        if let error = error as? SocialTimeError { return error }
        return .failure("\(error)")
    }

    // MARK: - The acting person

    /// The handle the command acts as: `requested`, else the login.
    public func actingHandle() throws(SocialTimeError) -> Handle {
        if let requested = identity.requested {
            return try Handle(validating: requested, field: identity.requestSource)
        }
        guard let login = identity.login, !login.isEmpty else {
            throw .invalidInput("who is acting? this account has no login name: pass --as HANDLE or set SOCIALTIME_USER")
        }
        return try Handle(validating: login, field: "the login name")
    }

    var loginHandle: Handle? { identity.login.flatMap { try? Handle(validating: $0) } }

    /// Resolves the acting person and their rights inside `tx`.
    ///
    /// Acting as someone else needs a login that administers the store or is an active manager;
    /// the acting person's own rights then apply. Until the roster has a manager, only the
    /// administrator has manager rights: nobody gets them by being early. A person
    /// acted as must be on the roster; the login itself need not be (`register` puts it there).
    func actor(in tx: any ReadTransaction) async throws -> Actor {
        let handle = try actingHandle()
        let member = try await tx.staffMember(handle)
        let actsAsLogin = handle == loginHandle
        if !actsAsLogin {
            let loginMember = try await loginHandle.asyncMap { try await tx.staffMember($0) } ?? nil
            let mayActForOthers = identity.administersStore || (loginMember?.isActiveManager ?? false)
            guard mayActForOthers else {
                throw SocialTimeError.permissionDenied(
                    "only a manager can act as someone else; \(identity.login ?? "this login") is "
                    + (loginMember == nil ? "not on the roster" : "staff") + " and cannot act as \(handle)")
            }
            guard member != nil else {
                throw try await Self.notOnRoster(handle, in: tx, source: identity.requestSource)
            }
        }
        let rights: Rights
        if actsAsLogin && identity.administersStore {
            rights = .administrator
        } else if member?.isActiveManager ?? false {
            rights = .manager
        } else {
            rights = .staff
        }
        return Actor(handle: handle, member: member, rights: rights)
    }

    /// "no staff member 'anan' (did you mean 'anna'?)": exit 64.
    static func notOnRoster(_ handle: Handle, in tx: any ReadTransaction, source: String? = nil) async throws -> SocialTimeError {
        let handles = try await tx.allStaff().map(\.handle.value)
        let suggestion = Suggestion.closest(to: handle.value, in: handles)
        return .invalidInput("no staff member '\(handle)'" + (source.map { " (from \($0))" } ?? "") + " on the roster"
            + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
            + ": `socialtime staff list` shows who is")
    }

    /// The roster row of `handle`, or exit 64 with a "did you mean".
    func requireStaff(_ handle: Handle, in tx: any ReadTransaction) async throws -> StaffMember {
        guard let member = try await tx.staffMember(handle) else {
            throw try await Self.notOnRoster(handle, in: tx)
        }
        return member
    }

    /// The acting person's roster row, registering the login on its first `log`, `start`,
    /// `justify` or `result`, as staff — except the administrator's own login, which joins as a
    /// manager (it has every manager right anyway).
    func registeredActor(in tx: any WriteTransaction) async throws -> (actor: Actor, member: StaffMember, registered: Bool) {
        let actor = try await actor(in: tx)
        if let member = actor.member {
            guard member.active else {
                throw SocialTimeError.invalidInput("\(member.handle) is deactivated and cannot log: a manager can run `socialtime staff activate \(member.handle)`")
            }
            return (actor, member, false)
        }
        guard store.peopleRegisterThemselves || (actor.rights == .administrator) else {
            throw SocialTimeError.permissionDenied("\(actor.handle) is not on this database's roster, and on a server nobody registers themselves: ask a manager: `socialtime staff add \(actor.handle) --login`")
        }
        let member = try await register(actor.handle, name: nil, email: nil, manager: actor.rights == .administrator, in: tx)
        return (Actor(handle: actor.handle, member: member, rights: actor.rights), member, true)
    }

    /// Puts a person on the roster, as staff unless `manager` says otherwise: nobody becomes a
    /// manager by registering or by being imported.
    func register(_ handle: Handle, name: String?, email: String?, manager: Bool, in tx: any WriteTransaction) async throws -> StaffMember {
        try await tx.insertStaff(NewStaffRecord(handle: handle, name: try Self.registeredName(name, of: handle), email: email,
                                                role: manager ? .manager : .staff, createdAt: now))
    }

    /// The name a person is registered under: the one given, else their handle.
    static func registeredName(_ name: String?, of handle: Handle) throws(SocialTimeError) -> String {
        try Text.validate(name ?? handle.value, field: "name", maxLength: 100, allowEmpty: false)
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
