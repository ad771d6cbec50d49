# Release 2 adds an object but keeps LAST-UPDATED and the REVISIONs.
/^ifConformance OBJECT IDENTIFIER/i\
acmeIfExtra OBJECT IDENTIFIER ::= { ifMIBObjects 99 }
