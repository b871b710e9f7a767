import SocialTimeCommands
import SocialTimeStores

// SQLite files only: a command line that names a postgresql:// URL is handed to socialtime-team
// before anything is read, so a run on a file never loads the PostgreSQL client.
TeamHandOff.runTeamProgramIfNamed()
// On the main thread: no worker thread is started for the program (SocialTimeProgram.runOnMainThread).
SocialTimeProgram.runOnMainThread(stores: StoreOpener())
