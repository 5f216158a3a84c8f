;; fib.wat: computes fib(25) recursively and prints {"result":75025}.
;; The same recursive function as the peers in shared/bench/wasm_peers.py, wrapped as a WASI command.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "{\"result\":")
  (func $fib (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  ;; Writes {"result":<v>}\n to stdout; the text is built backwards ending at offset 256.
  (func $print (param $v i64)
    (local $p i32)
    (i32.store8 (i32.const 255) (i32.const 10))
    (i32.store8 (i32.const 254) (i32.const 125))
    (local.set $p (i32.const 254))
    (loop $digits
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digits (i64.ne (local.get $v) (i64.const 0))))
    (local.set $p (i32.sub (local.get $p) (i32.const 10)))
    (memory.copy (local.get $p) (i32.const 16) (i32.const 10))
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (i32.sub (i32.const 256) (local.get $p)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (call $print (i64.extend_i32_u (call $fib (i32.const 25))))))
