// Command replaced is a Drydock fixture: one dependency replaced by a local directory, one by
// another module version.
package main

import (
	"os"

	"example.com/localdep"
	log "example.com/oldlog"
)

func main() {
	os.Stdout.WriteString(log.Prefix(localdep.Name()) + "\n")
}
