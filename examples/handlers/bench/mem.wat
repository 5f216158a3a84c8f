;; mem.wat: walks 128 KiB of linear memory 300 times, loading and storing every 8-byte word
;; (4,915,200 loads and as many stores), and prints {"result":<checksum>}. A memory-bound
;; counterpart to fib and sum, for what linear-memory bounds checks cost.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 3)
  (data (i32.const 16) "{\"result\":")
  (func $walk (param $rounds i32) (result i64)
    (local $round i32) (local $p i32) (local $acc i64)
    (loop $rounds
      (local.set $p (i32.const 1024))
      (loop $words
        (local.set $acc (i64.add (local.get $acc) (i64.load (local.get $p))))
        (i64.store (local.get $p) (i64.add (local.get $acc) (i64.extend_i32_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br_if $words (i32.lt_u (local.get $p) (i32.const 132096))))
      (local.set $round (i32.add (local.get $round) (i32.const 1)))
      (br_if $rounds (i32.lt_u (local.get $round) (local.get $rounds))))
    (local.get $acc))
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
    (call $print (call $walk (i32.const 300)))))
