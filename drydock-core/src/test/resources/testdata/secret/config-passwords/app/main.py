# a password assignment in code is not a configuration file: not reported
DB_PASSWORD = "uFikJMMPXPMVNSBx"
