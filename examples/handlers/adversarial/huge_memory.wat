;; huge_memory (adversarial): declares 128 MiB of initial memory, above the default 64 MiB cap.
;; Instantiation itself must be refused.
(module
  (memory (export "memory") 2048)
  (func (export "_start")))
