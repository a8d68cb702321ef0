"""The command line: arguments, configuration, baselines, running files, output."""
