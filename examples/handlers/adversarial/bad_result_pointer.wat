;; bad_result_pointer (adversarial): clock_time_get asked to store its result past the end of memory.
(module
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 65533)))))
