# Header constants of a key parser: quoted, not keys.
BEGIN_TAG = "-----BEGIN RSA PRIVATE KEY-----"
OPENSSH_TAG = '-----BEGIN OPENSSH PRIVATE KEY-----'
