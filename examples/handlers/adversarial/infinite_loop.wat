;; infinite_loop (adversarial): spins forever without calling the host.
;; Only fuel metering can stop it; the runner must report a timeout close to the limit.
(module
  (memory (export "memory") 1)
  (func (export "_start") (loop $forever (br $forever))))
