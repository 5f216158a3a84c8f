;; unknown_import (adversarial): imports a host function the runtime does not provide.
(module
  (import "quiver" "launch_missiles" (func $launch))
  (memory (export "memory") 1)
  (func (export "_start") (call $launch)))
