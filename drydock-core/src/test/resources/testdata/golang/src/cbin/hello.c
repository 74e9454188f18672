/* A non-Go ELF executable for the Drydock Go analyzer's negative cases. */
#include <stdio.h>

int main(void) {
  puts("hello from C");
  return 0;
}
