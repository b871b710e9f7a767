/// Finds the person a foreign row belongs to: on the roster by e-mail, then by display name, then
/// through `--user`; anyone else is registered with a handle made from their name. Pure: it reads
/// the catalogue it was given, and remembers its answers (a file names a few people many times).
struct PeopleMatcher {
    private let byEmail: [String: ImportCatalog.Person]
    private let byName: [String: [ImportCatalog.Person]]
    private let byHandle: [String: ImportCatalog.Person]
    private let users: [String: Handle]
    private var answers: [PersonKey: Result<Handle, SocialTimeError>] = [:]
    /// Handles this file registers, and who they were made for.
    private(set) var newPeople: [String: ImportPlan.NewPerson] = [:]
    private var newPeopleOrder: [String] = []

    /// A person as the file names them.
    struct PersonKey: Hashable {
        let name: String
        let email: String

        init(name: String, email: String) {
            self.name = name.trimmingWhitespace()
            self.email = email.trimmingWhitespace()
        }

        var isEmpty: Bool { name.isEmpty && email.isEmpty }
        /// Who they are for counting people: the e-mail when there is one, else the name.
        var identity: String { email.isEmpty ? "name:" + name.lowercased() : "email:" + email.lowercased() }
        var display: String {
            [name, email.isEmpty ? "" : "<\(email)>"].filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    init(catalog: ImportCatalog, users: [String: Handle]) {
        var byEmail: [String: ImportCatalog.Person] = [:]
        var byName: [String: [ImportCatalog.Person]] = [:]
        for person in catalog.people {
            if let email = person.email, !email.isEmpty { byEmail[email.lowercased()] = person }
            byName[ImportOptions.folded(person.name), default: []].append(person)
        }
        self.byEmail = byEmail
        self.byName = byName
        byHandle = Dictionary(catalog.people.map { ($0.handle.value, $0) }, uniquingKeysWith: { first, _ in first })
        self.users = users
    }

    var registered: [ImportPlan.NewPerson] { newPeopleOrder.compactMap { newPeople[$0] } }

    /// The handle of the person a row names, registering them as new when nobody matches.
    mutating func handle(for person: PersonKey) throws(SocialTimeError) -> Handle {
        if let known = answers[person] { return try known.get() }
        let result = Result<Handle, SocialTimeError> { () throws(SocialTimeError) in try match(person) }
        answers[person] = result
        return try result.get()
    }

    private mutating func match(_ person: PersonKey) throws(SocialTimeError) -> Handle {
        guard !person.isEmpty else {
            throw .invalidInput("the row names no person (no user, no e-mail): pass --staff HANDLE for a one-person file")
        }
        if !person.email.isEmpty, let found = byEmail[person.email.lowercased()] { return try active(found) }
        if !person.name.isEmpty, let found = byName[ImportOptions.folded(person.name)] {
            guard found.count == 1 else {
                throw .invalidInput("\(found.count) people on the roster are called '\(Text.printable(person.name))' (\(found.map(\.handle.value).joined(separator: ", "))): say which with --user '\(Text.printable(person.name))=HANDLE'")
            }
            return try active(found[0])
        }
        for candidate in [person.email, person.name] where !candidate.isEmpty {
            if let handle = users[ImportOptions.folded(candidate)] {
                if let known = byHandle[handle.value] { return try active(known) }
                return try register(handle, person)
            }
        }
        // A user column holding an e-mail address gives its local part, as an e-mail column does.
        let name = person.name.contains("@") ? Self.localPart(person.name) : person.name
        guard let made = Self.handle(fromName: name) ?? Self.handle(fromName: Self.localPart(person.email)) else {
            throw .invalidInput("cannot make a handle from '\(Text.printable(person.display))': map them with --user '\(Text.printable(person.email.isEmpty ? person.name : person.email))=HANDLE'")
        }
        if let taken = byHandle[made.value] {
            throw .invalidInput("'\(Text.printable(person.display))' matches nobody on the roster by e-mail or name, and the handle \(made) made from the name is taken by \(Text.printable(taken.name)): map them with --user '\(Text.printable(person.email.isEmpty ? person.name : person.email))=HANDLE'")
        }
        if let other = newPeople[made.value], other.name != (person.name.isEmpty ? person.email : person.name) || other.email != (person.email.isEmpty ? nil : person.email) {
            throw .invalidInput("'\(Text.printable(person.display))' and '\(Text.printable(other.name))' would both get the handle \(made): map one with --user '\(Text.printable(person.email.isEmpty ? person.name : person.email))=HANDLE'")
        }
        return try register(made, person)
    }

    private func active(_ person: ImportCatalog.Person) throws(SocialTimeError) -> Handle {
        guard person.active else {
            throw .invalidInput("\(person.handle) is deactivated and cannot log: a manager can run `socialtime staff activate \(person.handle)`")
        }
        return person.handle
    }

    private mutating func register(_ handle: Handle, _ person: PersonKey) throws(SocialTimeError) -> Handle {
        if newPeople[handle.value] == nil {
            let name = try Text.validate(person.name.isEmpty ? (person.email.isEmpty ? handle.value : person.email) : person.name,
                                         field: "name", maxLength: 100, allowEmpty: false)
            newPeople[handle.value] = ImportPlan.NewPerson(handle: handle, name: name, email: person.email.isEmpty ? nil : person.email)
            newPeopleOrder.append(handle.value)
        }
        return handle
    }

    /// A socialtime file's person: the handle as written, registered with the file's name when new.
    mutating func handle(written handle: Handle, name: String) throws(SocialTimeError) -> Handle {
        if let known = byHandle[handle.value] { return try active(known) }
        if newPeople[handle.value] == nil {
            let name = name.isEmpty ? handle.value : try Text.validate(name, field: "staff_name", maxLength: 100, allowEmpty: false)
            newPeople[handle.value] = ImportPlan.NewPerson(handle: handle, name: name, email: nil)
            newPeopleOrder.append(handle.value)
        }
        return handle
    }

    /// `--staff HANDLE`: everything to one person, registered (with the file's name for them,
    /// when it names one) if new.
    mutating func handle(staff: Handle, named person: PersonKey?) throws(SocialTimeError) -> Handle {
        if let known = byHandle[staff.value] { return try active(known) }
        return try register(staff, person ?? PersonKey(name: "", email: ""))
    }

    private static func localPart(_ email: String) -> String {
        String(email.split(separator: "@", maxSplits: 1).first ?? "")
    }

    /// A handle from a person's name: letters folded to ASCII (`Lavínia Rezende` →
    /// `lavinia.rezende`, `Søren Æbelø` → `soren.aebelo`), words joined by dots, at most 32
    /// characters. Nil when nothing usable is left.
    static func handle(fromName name: String) -> Handle? {
        var out = ""
        var pendingSeparator: Character?
        for scalar in name.unicodeScalars {
            let folded = fold(scalar)
            if let folded {
                if let separator = pendingSeparator, !out.isEmpty { out.append(separator) }
                pendingSeparator = nil
                out += folded
            } else if scalar.properties.isWhitespace || scalar == "." || scalar == "_" {
                if pendingSeparator == nil { pendingSeparator = "." }
            } else if scalar == "-" {
                pendingSeparator = "-"
            }
            // Anything else (apostrophes, marks, symbols) is left out: O'Brien → obrien.
        }
        while out.utf8.count > 32 { out.removeLast() }
        while let last = out.last, last == "." || last == "-" { out.removeLast() }
        return out.isEmpty ? nil : try? Handle(validating: out)
    }

    /// A letter or digit as lowercase ASCII, from the Unicode name of accented Latin letters
    /// ("LATIN SMALL LETTER I WITH ACUTE" → "i"); nil for everything else.
    private static func fold(_ scalar: Unicode.Scalar) -> String? {
        if scalar.isASCII {
            let c = Character(scalar)
            return c.isLetter || c.isNumber ? String(c).lowercased() : nil
        }
        guard scalar.properties.isAlphabetic, let name = scalar.properties.name else { return nil }
        let specials = ["AE": "ae", "SHARP S": "ss", "ETH": "d", "THORN": "th", "DOTLESS I": "i", "OE": "oe", "IJ": "ij"]
        for prefix in ["LATIN SMALL LETTER ", "LATIN CAPITAL LETTER ", "LATIN SMALL LIGATURE ", "LATIN CAPITAL LIGATURE "]
        where name.hasPrefix(prefix) {
            let rest = String(name.dropFirst(prefix.count))
            let base = rest.firstRange(of: " WITH ").map { String(rest[..<$0.lowerBound]) } ?? rest
            if let special = specials[base] { return special }
            if base.count == 1 { return base.lowercased() }
            return nil
        }
        return nil
    }
}
