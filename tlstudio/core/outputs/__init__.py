"""What a run leaves on disk: the workspace and atomic writes, run folders, the report and model exports."""
