# Release 2 swaps the index of ifStackEntry.
/^ifStackEntry  *OBJECT-TYPE/,/::=/s/INDEX { ifStackHigherLayer, ifStackLowerLayer }/INDEX { ifStackLowerLayer, ifStackHigherLayer }/
