import SocialTimeCommands
import SocialTimeStores
import SocialTimeTeamStore

// Both stores: a SQLite file or a PostgreSQL server. `socialtime` runs this program for a
// postgresql:// URL; it can also be run directly.
await SocialTimeProgram.main(stores: .team)
