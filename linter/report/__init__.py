"""The report stage: findings (and facts) in the output formats people and programs read."""
