/// The company's name, shown on the report and in mail subjects: a setting managers keep.
extension Rulebook {
    static let companySetting = "company"

    /// The company's name, when one is set.
    public func company() async throws(SocialTimeError) -> String? {
        try await read { tx in try await tx.setting(Self.companySetting) }
    }

    /// Sets the company's name (managers only); nil or empty clears it.
    public func setCompany(_ name: String?) async throws(SocialTimeError) {
        let name = try name.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }.map { text throws(SocialTimeError) in
            try Text.validate(text, field: "company name", maxLength: 100, allowEmpty: false)
        }
        try await write { tx in
            try await actor(in: tx).requireManager(to: "change the company name")
            try await tx.setSetting(Self.companySetting, name)
        }
    }

    static let languageSetting = "language"

    static func language(in tx: any ReadTransaction) async throws -> ReportLanguage {
        try await tx.setting(languageSetting).flatMap(ReportLanguage.init(rawValue:)) ?? .en
    }

    /// The language of the report and the reminders (`en` when none is set).
    public func language() async throws(SocialTimeError) -> ReportLanguage {
        try await read { tx in try await Self.language(in: tx) }
    }

    /// Sets the language of the report and the reminders (managers only).
    public func setLanguage(_ language: ReportLanguage) async throws(SocialTimeError) {
        try await write { tx in
            try await actor(in: tx).requireManager(to: "change the language of the report")
            try await tx.setSetting(Self.languageSetting, language.rawValue)
        }
    }
}
