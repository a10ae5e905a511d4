;; Search kernels for core/ranking/kernels/wasm-kernel.ts, compiled to
;; bytes at build time. Plain WebAssembly 1.0 without SIMD, because an iOS
;; app's JSContext runs it in the in-place interpreter. Every pointer is a
;; byte offset into the imported memory, where the store's arrays live.
;; Each function computes exactly what the matching method of the Kernel
;; interface (kernel.ts) documents. Inner loops are unrolled because the
;; interpreter pays per instruction, so loop control is a large share.
(module
  (import "env" "memory" (memory 0))

  ;; out[i] = float32(sum_j float64(q[j]) * float64(m[i*dim + j])), summed in index order.
  (func (export "dot_f32")
    (param $q i32) (param $m i32) (param $dim i32) (param $count i32) (param $out i32)
    (local $i i32) (local $qp i32) (local $qEnd4 i32) (local $qEnd i32) (local $sum f64)
    (local.set $qEnd (i32.add (local.get $q) (i32.shl (local.get $dim) (i32.const 2))))
    (local.set $qEnd4 (i32.add (local.get $q) (i32.shl (i32.and (local.get $dim) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $sum (f64.const 0))
        (local.set $qp (local.get $q))
        (block $end4
          (loop $by4
            (br_if $end4 (i32.ge_u (local.get $qp) (local.get $qEnd4)))
            (local.set $sum (f64.add (local.get $sum) (f64.mul
              (f64.promote_f32 (f32.load offset=0 (local.get $qp)))
              (f64.promote_f32 (f32.load offset=0 (local.get $m))))))
            (local.set $sum (f64.add (local.get $sum) (f64.mul
              (f64.promote_f32 (f32.load offset=4 (local.get $qp)))
              (f64.promote_f32 (f32.load offset=4 (local.get $m))))))
            (local.set $sum (f64.add (local.get $sum) (f64.mul
              (f64.promote_f32 (f32.load offset=8 (local.get $qp)))
              (f64.promote_f32 (f32.load offset=8 (local.get $m))))))
            (local.set $sum (f64.add (local.get $sum) (f64.mul
              (f64.promote_f32 (f32.load offset=12 (local.get $qp)))
              (f64.promote_f32 (f32.load offset=12 (local.get $m))))))
            (local.set $qp (i32.add (local.get $qp) (i32.const 16)))
            (local.set $m (i32.add (local.get $m) (i32.const 16)))
            (br $by4)))
        (block $end1
          (loop $by1
            (br_if $end1 (i32.ge_u (local.get $qp) (local.get $qEnd)))
            (local.set $sum (f64.add (local.get $sum) (f64.mul
              (f64.promote_f32 (f32.load (local.get $qp)))
              (f64.promote_f32 (f32.load (local.get $m))))))
            (local.set $qp (i32.add (local.get $qp) (i32.const 4)))
            (local.set $m (i32.add (local.get $m) (i32.const 4)))
            (br $by1)))
        (f32.store (local.get $out) (f32.demote_f64 (local.get $sum)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; out[k] = sum_j q[j] * codes[rows[k]*dim + j] with int16 q, int8 codes, int32 sums.
  (func (export "dot_i8_rows")
    (param $q i32) (param $codes i32) (param $dim i32) (param $rows i32) (param $rowCount i32) (param $out i32)
    (local $k i32) (local $qp i32) (local $cp i32) (local $qEnd8 i32) (local $qEnd i32) (local $sum i32)
    (local.set $qEnd (i32.add (local.get $q) (i32.shl (local.get $dim) (i32.const 1))))
    (local.set $qEnd8 (i32.add (local.get $q) (i32.shl (i32.and (local.get $dim) (i32.const -8)) (i32.const 1))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $k) (local.get $rowCount)))
        (local.set $cp (i32.add (local.get $codes)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (local.get $dim))))
        (local.set $sum (i32.const 0))
        (local.set $qp (local.get $q))
        (block $end8
          (loop $by8
            (br_if $end8 (i32.ge_u (local.get $qp) (local.get $qEnd8)))
            (local.set $sum (i32.add (local.get $sum)
              (i32.add (i32.add (i32.add (i32.mul (i32.load16_s offset=0 (local.get $qp)) (i32.load8_s offset=0 (local.get $cp)))
              (i32.mul (i32.load16_s offset=2 (local.get $qp)) (i32.load8_s offset=1 (local.get $cp))))
              (i32.add (i32.mul (i32.load16_s offset=4 (local.get $qp)) (i32.load8_s offset=2 (local.get $cp)))
              (i32.mul (i32.load16_s offset=6 (local.get $qp)) (i32.load8_s offset=3 (local.get $cp)))))
              (i32.add (i32.add (i32.mul (i32.load16_s offset=8 (local.get $qp)) (i32.load8_s offset=4 (local.get $cp)))
              (i32.mul (i32.load16_s offset=10 (local.get $qp)) (i32.load8_s offset=5 (local.get $cp))))
              (i32.add (i32.mul (i32.load16_s offset=12 (local.get $qp)) (i32.load8_s offset=6 (local.get $cp)))
              (i32.mul (i32.load16_s offset=14 (local.get $qp)) (i32.load8_s offset=7 (local.get $cp))))))))
            (local.set $qp (i32.add (local.get $qp) (i32.const 16)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 8)))
            (br $by8)))
        (block $end1
          (loop $by1
            (br_if $end1 (i32.ge_u (local.get $qp) (local.get $qEnd)))
            (local.set $sum (i32.add (local.get $sum)
              (i32.mul (i32.load16_s (local.get $qp)) (i32.load8_s (local.get $cp)))))
            (local.set $qp (i32.add (local.get $qp) (i32.const 2)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 1)))
            (br $by1)))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2))) (local.get $sum))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $each))))

  ;; Hamming distances of one code to `count` codes of `codeBytes` bytes (a
  ;; multiple of 8), with a histogram. Masked-out slots get codeBytes*8 + 1.
  (func (export "hamming")
    (param $q i32) (param $codes i32) (param $codeBytes i32) (param $count i32)
    (param $mask i32) (param $out i32) (param $hist i32)
    (local $i i32) (local $excluded i32) (local $d i32) (local $w i32) (local $cp i32) (local $h i32)
    (local $q0 i64) (local $q1 i64) (local $q2 i64) (local $q3 i64)
    (local $q4 i64) (local $q5 i64) (local $q6 i64) (local $q7 i64)
    (local.set $excluded (i32.add (i32.shl (local.get $codeBytes) (i32.const 3)) (i32.const 1)))
    (local.set $h (local.get $hist))
    (block $cleared
      (loop $clear
        (br_if $cleared (i32.gt_u (local.get $h) (i32.add (local.get $hist) (i32.shl (local.get $excluded) (i32.const 2)))))
        (i32.store (local.get $h) (i32.const 0))
        (local.set $h (i32.add (local.get $h) (i32.const 4)))
        (br $clear)))
    (local.set $cp (local.get $codes))
    (if (i32.eq (local.get $codeBytes) (i32.const 64))
      (then
        (local.set $q0 (i64.load offset=0 (local.get $q)))
        (local.set $q1 (i64.load offset=8 (local.get $q)))
        (local.set $q2 (i64.load offset=16 (local.get $q)))
        (local.set $q3 (i64.load offset=24 (local.get $q)))
        (local.set $q4 (i64.load offset=32 (local.get $q)))
        (local.set $q5 (i64.load offset=40 (local.get $q)))
        (local.set $q6 (i64.load offset=48 (local.get $q)))
        (local.set $q7 (i64.load offset=56 (local.get $q)))
        (block $done64
          (loop $each64
            (br_if $done64 (i32.ge_u (local.get $i) (local.get $count)))
            (local.set $d (local.get $excluded))
            (if (i32.load8_u (i32.add (local.get $mask) (local.get $i)))
              (then
                (local.set $d (i32.wrap_i64
                    (i64.add (i64.add (i64.add (i64.popcnt (i64.xor (local.get $q0) (i64.load offset=0 (local.get $cp))))
                    (i64.popcnt (i64.xor (local.get $q1) (i64.load offset=8 (local.get $cp)))))
                    (i64.add (i64.popcnt (i64.xor (local.get $q2) (i64.load offset=16 (local.get $cp))))
                    (i64.popcnt (i64.xor (local.get $q3) (i64.load offset=24 (local.get $cp))))))
                    (i64.add (i64.add (i64.popcnt (i64.xor (local.get $q4) (i64.load offset=32 (local.get $cp))))
                    (i64.popcnt (i64.xor (local.get $q5) (i64.load offset=40 (local.get $cp)))))
                    (i64.add (i64.popcnt (i64.xor (local.get $q6) (i64.load offset=48 (local.get $cp))))
                    (i64.popcnt (i64.xor (local.get $q7) (i64.load offset=56 (local.get $cp)))))))))))
            (i32.store16 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 1))) (local.get $d))
            (local.set $h (i32.add (local.get $hist) (i32.shl (local.get $d) (i32.const 2))))
            (i32.store (local.get $h) (i32.add (i32.load (local.get $h)) (i32.const 1)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 64)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $each64))))
      (else
        (block $done
          (loop $each
            (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
            (local.set $d (local.get $excluded))
            (if (i32.load8_u (i32.add (local.get $mask) (local.get $i)))
              (then
                (local.set $d (i32.const 0))
                (local.set $w (i32.const 0))
                (block $wordsDone
                  (loop $words
                    (br_if $wordsDone (i32.ge_u (local.get $w) (local.get $codeBytes)))
                    (local.set $d (i32.add (local.get $d) (i32.wrap_i64 (i64.popcnt (i64.xor
                      (i64.load (i32.add (local.get $q) (local.get $w)))
                      (i64.load (i32.add (local.get $cp) (local.get $w))))))))
                    (local.set $w (i32.add (local.get $w) (i32.const 8)))
                    (br $words)))))
            (i32.store16 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 1))) (local.get $d))
            (local.set $h (i32.add (local.get $hist) (i32.shl (local.get $d) (i32.const 2))))
            (i32.store (local.get $h) (i32.add (i32.load (local.get $h)) (i32.const 1)))
            (local.set $cp (i32.add (local.get $cp) (local.get $codeBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $each))))))

  ;; Slots with distance < threshold go to out[0..], slots at exactly the
  ;; threshold to out[below..], `limit` slots at most. Returns the count written.
  (func (export "collect")
    (param $dist i32) (param $count i32) (param $threshold i32) (param $below i32) (param $limit i32) (param $out i32)
    (result i32)
    (local $i i32) (local $d i32) (local $under i32) (local $at i32)
    (local.set $at (local.get $below))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $d (i32.load16_u (i32.add (local.get $dist) (i32.shl (local.get $i) (i32.const 1)))))
        (if (i32.lt_u (local.get $d) (local.get $threshold))
          (then
            (if (i32.lt_u (local.get $under) (local.get $limit))
              (then
                (i32.store (i32.add (local.get $out) (i32.shl (local.get $under) (i32.const 2))) (local.get $i))
                (local.set $under (i32.add (local.get $under) (i32.const 1))))))
          (else
            (if (i32.and (i32.eq (local.get $d) (local.get $threshold)) (i32.lt_u (local.get $at) (local.get $limit)))
              (then
                (i32.store (i32.add (local.get $out) (i32.shl (local.get $at) (i32.const 2))) (local.get $i))
                (local.set $at (i32.add (local.get $at) (i32.const 1)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (select (local.get $at) (local.get $limit) (i32.lt_u (local.get $at) (local.get $limit))))
)
