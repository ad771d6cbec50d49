# Release 2 adds an object on a new OID: allowed.
/^ifConformance OBJECT IDENTIFIER/i\
acmeIfExtra OBJECT IDENTIFIER ::= { ifMIBObjects 99 }
