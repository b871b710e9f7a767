/// The roster: managers add people and change roles; a person may rename themselves and set
/// their own e-mail address.
extension Rulebook {
    /// An e-mail address as people type it: one `@`, something on each side, no spaces.
    public static func validatedEmail(_ text: String) throws(SocialTimeError) -> String {
        let email = try Text.validate(text.trimmingWhitespace(), field: "e-mail address", maxLength: 254, allowEmpty: false)
        // The rule `remind` and `report --mail` send by (Mailbox): an address accepted here is one
        // mail can go to, never one refused later.
        guard Mailbox.isValid(email) else {
            throw .invalidInput("invalid e-mail address '\(Text.printable(text))': use a form like anna@example.com "
                + "(ASCII local@domain, no spaces, quotes, brackets, commas, colons, semicolons or backslashes)")
        }
        return email
    }

    public func staff(_ handle: Handle) async throws(SocialTimeError) -> StaffMember? {
        try await read { tx in try await tx.staffMember(handle) }
    }

    /// `staff list`: managers see everyone; staff see themselves and the managers (who review
    /// them, with their e-mail addresses). Decided here once, so both stores show the same.
    public func listStaff() async throws(SocialTimeError) -> [StaffMember] {
        try await read { tx in
            let actor = try await actor(in: tx)
            return Self.visibleRoster(try await tx.allStaff(), to: actor)
        }
    }

    static func visibleRoster(_ everyone: [StaffMember], to actor: Actor) -> [StaffMember] {
        guard !actor.isManager else { return everyone }
        return everyone.filter { $0.handle == actor.handle || $0.role == .manager }
    }

    /// The acting person as the rules see them (handle, roster row, rights).
    public func currentActor() async throws(SocialTimeError) -> Actor {
        try await read { tx in try await actor(in: tx) }
    }

    @discardableResult
    public func addStaff(_ handle: Handle, name: String?, email: String?, manager: Bool, login: Bool = false,
                         existingLogin: Bool = false) async throws(SocialTimeError) -> StaffMember {
        let email = try email.map { text throws(SocialTimeError) in try Self.validatedEmail(text) }
        return try await write { tx in
            try await actor(in: tx).requireManager(to: "add people to the roster")
            guard try await tx.staffMember(handle) == nil else {
                throw SocialTimeError.invalidInput("\(handle) is already on the roster: use `staff rename` or `staff promote` to change them")
            }
            let member = try await register(handle, name: name, email: email, manager: manager, in: tx)
            if login || existingLogin { try await tx.createLogin(handle, existing: existingLogin) }
            return member
        }
    }

    @discardableResult
    public func renameStaff(_ handle: Handle, to name: String) async throws(SocialTimeError) -> StaffMember {
        let name = try Text.validate(name, field: "name", maxLength: 100, allowEmpty: false)
        return try await changeStaff(handle, StaffRecordChange(name: name)) { actor throws(SocialTimeError) in
            try actor.requireOwnOrManager(handle, to: "rename")
        }
    }

    @discardableResult
    public func setEmail(_ handle: Handle, to email: String?) async throws(SocialTimeError) -> StaffMember {
        let email = try email.map { text throws(SocialTimeError) in try Self.validatedEmail(text) }
        return try await changeStaff(handle, StaffRecordChange(email: .some(email))) { actor throws(SocialTimeError) in
            try actor.requireOwnOrManager(handle, to: "set the e-mail address of")
        }
    }

    @discardableResult
    public func setRole(_ handle: Handle, _ role: StaffMember.Role) async throws(SocialTimeError) -> StaffMember {
        try await changeStaff(handle, StaffRecordChange(role: role), keepsAManager: role == .staff) { actor throws(SocialTimeError) in
            try actor.requireManager(to: role == .manager ? "promote people" : "demote people")
        }
    }

    @discardableResult
    public func setActive(_ handle: Handle, _ active: Bool) async throws(SocialTimeError) -> StaffMember {
        try await changeStaff(handle, StaffRecordChange(active: active), keepsAManager: !active) { actor throws(SocialTimeError) in
            try actor.requireManager(to: active ? "activate people" : "deactivate people")
        }
    }

    /// Applies a roster change after `authorize` accepted the actor. `keepsAManager`: the change
    /// may take away a manager, and the last active one cannot go (nobody could review, and
    /// everyone would have manager rights again).
    private func changeStaff(_ handle: Handle, _ change: StaffRecordChange, keepsAManager: Bool = false,
                             authorize: (Actor) throws(SocialTimeError) -> Void) async throws(SocialTimeError) -> StaffMember {
        try await write { tx in
            try authorize(try await actor(in: tx))
            let member = try await requireStaff(handle, in: tx)
            let managers = try await tx.activeManagerCount()
            if keepsAManager && member.isActiveManager && managers == 1 {
                throw SocialTimeError.invalidInput("\(handle) is the only active manager: promote someone else first")
            }
            try await tx.updateStaff(id: member.id, change)
            return try await requireStaff(handle, in: tx)
        }
    }
}
