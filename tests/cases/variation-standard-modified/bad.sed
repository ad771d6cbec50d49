# A vendor copy of IF-MIB with one change of each kind.
/^ifDescr OBJECT-TYPE/,/::=/s/SIZE (0\.\.255)/SIZE (0..1024)/
/^ifAlias  *OBJECT-TYPE/,/::=/s/read-write/read-only/
/^ifHighSpeed OBJECT-TYPE/,/::=/s/Gauge32/Counter32/
/^ifStackStatus  *OBJECT-TYPE/,/::=/s/read-create/read-write/
/^ifAdminStatus OBJECT-TYPE/,/::=/s/testing(3) /testing(3), maintenance(10) /
/^ifTestId  *OBJECT-TYPE/,/::=/s/deprecated/current/
/^ifConformance OBJECT IDENTIFIER/i\
acmeIfExtra OBJECT IDENTIFIER ::= { ifMIBObjects 99 }
