;; echo.wasm: a WASI preview-1 tool handler that copies its JSON input (stdin) to its output (stdout).
;; Memory layout: an iovec at offset 0 (buffer pointer, length), the byte count at 8, the buffer from 1024.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (func (export "_start")
    (local $count i32)
    (block $done
      (loop $next
        (i32.store (i32.const 0) (i32.const 1024))
        (i32.store (i32.const 4) (i32.const 64512))
        ;; A non-zero errno or a zero-byte read ends the loop.
        (br_if $done (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
        (local.set $count (i32.load (i32.const 8)))
        (br_if $done (i32.eqz (local.get $count)))
        (i32.store (i32.const 4) (local.get $count))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)))
        (br $next)))))
