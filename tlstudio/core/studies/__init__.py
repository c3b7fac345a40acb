"""Studies built from many runs: the learning curve, cross-validation and the strategies comparison."""
