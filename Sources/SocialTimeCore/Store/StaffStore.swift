extension SQLiteStore {
    static let staffColumns = "id, handle, name, role, active"

    static func staffMember(_ row: Row) -> StaffMember {
        StaffMember(id: row.int(0), handle: Handle(trusted: row.text(1)), name: row.text(2),
                    role: StaffMember.Role(rawValue: row.text(3)) ?? .staff, active: row.int(4) == 1)
    }

    func findStaff(_ handle: Handle) throws -> StaffMember? {
        try db.prepare("SELECT \(Self.staffColumns) FROM staff WHERE handle = ?").firstRow([handle.value], Self.staffMember)
    }

    func requireStaff(_ handle: Handle) throws -> StaffMember {
        guard let member = try findStaff(handle) else {
            throw SocialTimeError.invalidInput("no staff member '\(handle)': see `socialtime staff list`, or add one with `socialtime staff add \(handle)`")
        }
        return member
    }

    /// The acting person, registered with the handle as name when unknown (spec: `log` does this).
    func actingStaff(_ handle: Handle) throws -> (member: StaffMember, registered: Bool) {
        if let member = try findStaff(handle) {
            guard member.active else {
                throw SocialTimeError.invalidInput("\(handle) is deactivated and cannot log: a manager can run `socialtime staff activate \(handle)`")
            }
            return (member, false)
        }
        try db.run("INSERT INTO staff(handle, name, created_at) VALUES (?, ?, ?)", [handle.value, handle.value, clock.timestamp])
        return (try requireStaff(handle), true)
    }

    public func staff(_ handle: Handle) throws(SocialTimeError) -> StaffMember? {
        try read { try findStaff(handle) }
    }

    public func listStaff() throws(SocialTimeError) -> [StaffMember] {
        try read { try db.prepare("SELECT \(Self.staffColumns) FROM staff ORDER BY handle").rows([], Self.staffMember) }
    }

    @discardableResult
    public func addStaff(_ handle: Handle, name: String?, manager: Bool) throws(SocialTimeError) -> StaffMember {
        let name = try Text.validate(name ?? handle.value, field: "name", maxLength: 100, allowEmpty: false)
        return try write {
            guard try findStaff(handle) == nil else {
                throw SocialTimeError.invalidInput("\(handle) is already on the roster: use `staff rename` or `staff promote` to change them")
            }
            try db.run("INSERT INTO staff(handle, name, role, created_at) VALUES (?, ?, ?, ?)",
                       [handle.value, name, manager ? "manager" : "staff", clock.timestamp])
            return try requireStaff(handle)
        }
    }

    @discardableResult
    public func renameStaff(_ handle: Handle, to name: String) throws(SocialTimeError) -> StaffMember {
        let name = try Text.validate(name, field: "name", maxLength: 100, allowEmpty: false)
        return try updateStaff(handle, "UPDATE staff SET name = ? WHERE handle = ?", [name, handle.value])
    }

    @discardableResult
    public func setRole(_ handle: Handle, _ role: StaffMember.Role) throws(SocialTimeError) -> StaffMember {
        try updateStaff(handle, "UPDATE staff SET role = ? WHERE handle = ?", [role.rawValue, handle.value])
    }

    @discardableResult
    public func setActive(_ handle: Handle, _ active: Bool) throws(SocialTimeError) -> StaffMember {
        try updateStaff(handle, "UPDATE staff SET active = ? WHERE handle = ?", [active, handle.value])
    }

    private func updateStaff(_ handle: Handle, _ sql: String, _ values: [SQLBindable]) throws(SocialTimeError) -> StaffMember {
        try write {
            _ = try requireStaff(handle)
            try db.run(sql, values)
            return try requireStaff(handle)
        }
    }
}
