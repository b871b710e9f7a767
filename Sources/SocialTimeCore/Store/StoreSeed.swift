/// The catalogues every new database starts with, whichever store holds it: the networks of the
/// spec's list and the outcomes of the Danish guide, each with a description.
public enum StoreSeed {
    public static let networks: [(key: String, name: String, aliases: [String])] = [
        ("facebook", "Facebook", ["fb"]),
        ("instagram", "Instagram", ["ig"]),
        ("linkedin", "LinkedIn", ["li", "in"]),
        ("x", "X", ["twitter"]),
        ("tiktok", "TikTok", ["tt"]),
        ("youtube", "YouTube", ["yt"]),
        ("threads", "Threads", []),
        ("bluesky", "Bluesky", ["bsky"]),
        ("mastodon", "Mastodon", []),
        ("pinterest", "Pinterest", []),
        ("snapchat", "Snapchat", []),
        ("reddit", "Reddit", []),
    ]

    public static let outcomes: [(key: String, description: String, unit: String?)] = [
        ("recruiting", "Finding and attracting candidates, also through employees' own networks", "hires"),
        ("customer-service", "Answering customers' questions and complaints where they ask them", "inquiries"),
        ("sales-leads", "Starting conversations that can become sales", "leads"),
        ("brand-awareness", "Making the company known to the people it wants to reach", nil),
        ("listening", "Monitoring the conversation about the company, its products and its field", nil),
        ("advertising", "Running and tending paid visibility (ads on Facebook, LinkedIn …)", nil),
        ("knowledge-sharing", "Sharing expertise that builds the company's and employees' standing", nil),
        ("internal-communication", "Reaching colleagues through the networks", nil),
    ]

    /// The seeded aliases a database made before they were seeded lacks: each whose network is
    /// there under its seeded key and whose name nothing else uses yet (an alias or a key the
    /// company added stays theirs). `taken` holds every network key and alias in the database.
    public static func missingAliases(networkKeys: Set<String>, taken: Set<String>) -> [(alias: String, network: String)] {
        networks.filter { networkKeys.contains($0.key) }.flatMap { network in
            network.aliases.filter { !taken.contains($0) }.map { (alias: $0, network: network.key) }
        }
    }
}
