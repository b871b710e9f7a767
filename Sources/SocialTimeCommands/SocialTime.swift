import ArgumentParser
import SocialTimeCore
import SocialTimeStores
#if canImport(Glibc)
import Glibc
#endif

/// The program both executables run, each with the stores it links (Sources/socialtime and
/// Sources/socialtime-team).
public enum SocialTimeProgram {
    public static func main(stores: StoreOpener) async -> Never {
        Context.registeredStores = stores
        await SocialTime.main()
        Glibc.exit(0)
    }

    /// `main` on this (the main) thread. An async `main` runs the program on a dispatch worker
    /// thread that it first creates and hands over to, then leaves the main thread waiting; here
    /// the program's task prefers `MainThreadExecutor`, so its jobs run on the thread that
    /// started it and no other thread is made for them. Jobs that other threads resume (a
    /// detached task, a continuation) are queued to it too. Never returns: the program exits.
    public static func runOnMainThread(stores: StoreOpener) -> Never {
        let executor = MainThreadExecutor()
        Task(executorPreference: executor) {
            await main(stores: stores)
        }
        executor.run()
    }
}

/// Runs the jobs of the tasks that prefer it on the thread that calls `run()`, in order.
final class MainThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let ready = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Guarded by `mutex`.
    private var jobs: [UnownedJob] = []

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(ready, nil)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pthread_mutex_lock(mutex)
        jobs.append(job)
        pthread_cond_signal(ready)
        pthread_mutex_unlock(mutex)
    }

    /// Runs jobs as they come, for the rest of the process.
    func run() -> Never {
        while true {
            pthread_mutex_lock(mutex)
            while jobs.isEmpty { pthread_cond_wait(ready, mutex) }
            let job = jobs.removeFirst()
            pthread_mutex_unlock(mutex)
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Every command names itself (`commandName:`): otherwise ArgumentParser derives the name with
/// `String(describing:)`, a protocol-conformance scan per command type that was most of the
/// start-up time of a one-entry `log`.
struct SocialTime: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "socialtime",
        abstract: "Effort-to-value time tracking for work on social networks.",
        discussion: """
        Log the hours spent on LinkedIn, Facebook, Instagram and the rest against the business outcome they \
        serve. Anyone with five or more hours in an ISO week must explain what the business gets.

        Global options --db and --as work with every command, before or after its name.
        SOCIALTIME_TODAY=YYYY-MM-DD fixes "today", SOCIALTIME_NOW=YYYY-MM-DDTHH:MM the clock; TZ decides the calendar date.
        """,
        version: "0.1.0",
        subcommands: [
            Log.self, Start.self, Stop.self, Cancel.self, Status.self, Entries.self, Edit.self, Delete.self, Restore.self,
            StaffCommand.self, NetworksCommand.self, OutcomesCommand.self, Config.self, DB.self,
            Justify.self, Justifications.self, Review.self, ResultCommand.self, ResultsCommand.self, History.self, Flags.self, Report.self, Demo.self,
            Export.self, Import.self, Remind.self, CompleteCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    /// Runs the command line against the live context. The raw arguments are checked (UTF-8,
    /// negative numbers, text that begins with '-', mistyped command names) before ArgumentParser reads them.
    static func main() async {
        // Past a file size limit (`ulimit -f`, as some cron and CI setups have), the kernel would
        // kill us mid-write with SIGXFSZ and leave an export's temporary file behind; ignored, the
        // write fails with EFBIG and the export or SQLite reports it and cleans up like a full disk.
        signal(SIGXFSZ, SIG_IGN)
        // A closed pipe becomes EPIPE on write, which the output treats as a reader that stopped.
        signal(SIGPIPE, SIG_IGN)
        let context = Context.live()
        let code: Int32
        do {
            code = await Runner.execute(try RawArguments.decoded(), context: context)
        } catch {
            try? context.stderr.write("socialtime: error: \(error.message)\n")
            code = error.exitCode
        }
        Glibc.exit(code)
    }
}
