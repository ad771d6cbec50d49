# Release 2 changes syntaxes in ways RFC 2578 section 10.2 forbids
# (and widens a read-only size: a warning, rules.md decision 1).
/^ifAdminStatus OBJECT-TYPE/,/::=/s/down(2),/down(2)/
/^ifAdminStatus OBJECT-TYPE/,/::=/s/testing(3)   -- in some test mode//
/^ifHighSpeed OBJECT-TYPE/,/::=/s/Gauge32/Counter32/
/^ifAlias  *OBJECT-TYPE/,/::=/s/SIZE(0\.\.64)/SIZE(0..32)/
/^ifDescr OBJECT-TYPE/,/::=/s/SIZE (0\.\.255)/SIZE (0..1024)/
/^ifPromiscuousMode  *OBJECT-TYPE/,/::=/s/TruthValue/INTEGER { true(1), false(2), unknown(3) }/
/^ifConnectorPresent  *OBJECT-TYPE/,/::=/s/TruthValue/INTEGER { true(2), false(1) }/
