# Release 2 adds an enumeration and makes ifMtu's implicit range explicit:
# both allowed.
/^ifAdminStatus OBJECT-TYPE/,/::=/s/testing(3) /testing(3), maintenance(10) /
/^ifMtu OBJECT-TYPE/,/::=/s/SYNTAX      Integer32$/SYNTAX      Integer32 (-2147483648..2147483647)/
