;; bad_log_pointer (adversarial): passes a buffer that runs past the end of memory to a host import.
;; The host must refuse it with a trap, never read or write outside the guest's memory.
(module
  (import "quiver" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "_start") (call $log (i32.const 65500) (i32.const 100))))
