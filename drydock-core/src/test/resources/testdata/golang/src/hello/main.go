// Command hello is a Drydock fixture: a Go program with two module dependencies.
package main

import (
	"os"

	"example.com/greet"
	"example.com/shout"
)

func main() {
	os.Stdout.WriteString(shout.Bang(greet.Hello("drydock")) + "\n")
}
