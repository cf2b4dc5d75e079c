/// The HTML benchmarking report.
public enum Report {}
