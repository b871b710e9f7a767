/// The column names of Clockify's Detailed report CSV, which it writes in the language of the
/// user's interface (and Toggl Track's, which are English): one table, lower-cased, English first.
/// Sources: the products' English exports (fixtures), Clockify's help pages in German ("Berichte
/// exportieren": Projekt, Kunde, Beschreibung, Aufgabe, Benutzer, E-Mail, Tags, Startdatum,
/// Startzeit, Enddatum, Endzeit, Dauer), Spanish and French ("Informe detallado" / "Rapport
/// détaillé": proyecto, cliente, descripción, tarea, usuario, correo electrónico, etiquetas,
/// fecha de inicio, hora de inicio, fecha de finalización, hora de finalización, duración;
/// projet, client, description, tâche, utilisateur, email, balises, date de début, heure de
/// début, date de fin, heure de fin, durée), and a Portuguese Clockify export (Projeto, Cliente,
/// Descrição, Tarefa, Usuário, Etiquetas, Data de início, Duração (h)).
///
/// Danish, Italian and Dutch are not here because the products do not write them: Clockify's
/// profile settings offer English, French, German, Spanish and Portuguese only
/// (clockify.me/help/users/profile-settings, "Change your language"), and Toggl Track's profile
/// has no interface language at all (support.toggl.com, "Your Toggl Track account"), so its
/// exports are the English ones. Names that were not found documented are not guessed: a file
/// in another language is refused with the columns expected listed.
enum ReportHeaders {
    static let user = ["user", "member", "username", "user name", "name", "benutzer", "usuario", "utilisateur", "usuário"]
    static let email = ["email", "e-mail", "user email", "correo electrónico", "correo", "courriel"]
    static let project = ["project", "projekt", "proyecto", "projet", "projeto"]
    static let client = ["client", "kunde", "cliente"]
    static let task = ["task", "aufgabe", "tarea", "tâche", "tarefa"]
    static let description = ["description", "beschreibung", "descripción", "descrição"]
    static let tags = ["tags", "tag", "etiquetas", "etiqueta", "balises"]
    static let startDate = ["start date", "date", "startdatum", "fecha de inicio", "date de début", "data de início"]
    static let startTime = ["start time", "startzeit", "hora de inicio", "heure de début", "hora de início"]
    static let endDate = ["end date", "stop date", "enddatum", "fecha de finalización", "date de fin", "data de término", "data de fim"]
    static let endTime = ["end time", "stop time", "endzeit", "hora de finalización", "heure de fin", "hora de término", "hora de fim"]
    /// Duration columns: these names, or one of the words followed by a unit in brackets
    /// (`Duration (h)`, `Duration (decimal)`, `Duração (h)`, `Dauer (h)`).
    static let duration = ["duration (h)", "duration", "duration (decimal)", "dauer", "duración", "durée", "duração"]
    static let durationWords = ["duration", "dauer", "duración", "durée", "duração"]

    /// The duration columns of a header, in the order of `duration` and then the file's.
    static func durations(_ header: ImportHeader) -> [Int] {
        var found = duration.compactMap { header.columns[$0] }
        for (index, name) in header.names.enumerated() where !found.contains(index) {
            let folded = ImportOptions.folded(name)
            if durationWords.contains(where: { folded.hasPrefix($0 + " (") }) { found.append(index) }
        }
        return found
    }

    /// What the header of a Detailed report needs, for a message about a file that lacks it.
    static let expected = "Start date (or Startdatum, Fecha de inicio, Date de début, Data de início), Start time and End time, or Duration"

    /// A file a spreadsheet saved with each line as one quoted cell (`"User,Email,…"`).
    static func isOneCellPerLine(_ header: ImportHeader) -> Bool {
        let cells = header.names.filter { !$0.trimmingWhitespace().isEmpty }
        guard cells.count == 1, let only = cells.first else { return false }
        return only.contains(",") || only.contains(";") || only.contains("\t")
    }
}
