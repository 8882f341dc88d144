/// Whether control-api's start-up reset to PAPER has completed.
actor StartupState {
    private(set) var isDone = false

    func markDone() { isDone = true }
}
