/// What an import is checked against, taken from the store once before the file is read: the
/// roster, the catalogues and today. Planning an import reads nothing else, so a large file is
/// parsed and validated without any database access and before the write lock is taken.
///
/// It is a value: the store takes a fresh one inside the write transaction and compares, so a
/// roster or catalogue that changed while the file was read is noticed, never written over.
public struct ImportCatalog: Sendable, Equatable {
    /// One person on the roster.
    public struct Person: Sendable, Equatable {
        public var handle: Handle
        public var name: String
        public var email: String?
        public var active: Bool

        public init(handle: Handle, name: String, email: String? = nil, active: Bool = true) {
            self.handle = handle
            self.name = name
            self.email = email
            self.active = active
        }
    }

    /// A network's key and the other names it answers to.
    public struct NetworkName: Sendable, Equatable {
        public var key: String
        public var aliases: [String]

        public init(key: String, aliases: [String] = []) {
            self.key = key
            self.aliases = aliases
        }
    }

    /// An outcome's key, and whether it still takes new work.
    public struct OutcomeName: Sendable, Equatable {
        public var key: String
        public var retired: Bool

        public init(key: String, retired: Bool = false) {
            self.key = key
            self.retired = retired
        }
    }

    public var people: [Person]
    public var networks: [NetworkName]
    public var outcomes: [OutcomeName]
    /// No entry may be dated after today.
    public var today: CalendarDate

    public init(people: [Person], networks: [NetworkName], outcomes: [OutcomeName], today: CalendarDate) {
        self.people = people
        self.networks = networks
        self.outcomes = outcomes
        self.today = today
    }

    /// From the store's own records (a roster without e-mail addresses until the schema has them).
    public init(staff: [StaffMember], networks: [Network], outcomes: [Outcome], today: CalendarDate,
                emails: [Handle: String] = [:]) {
        self.init(people: staff.map { Person(handle: $0.handle, name: $0.name, email: emails[$0.handle], active: $0.active) },
                  networks: networks.map { NetworkName(key: $0.key, aliases: $0.aliases) },
                  outcomes: outcomes.map { OutcomeName(key: $0.key, retired: $0.retired) },
                  today: today)
    }
}
