;; SIMD loops that run on tfjs-backend-wasm's own heap (its memory is imported), for kernels whose
;; stock versions are scalar or need a transpose. Built by `npm run simd` into simdBinary.ts, once
;; with shared memory (the threaded backend) and once without. Addresses are byte offsets into that
;; heap; float counts are in elements. The module has no data, no globals and no stack: it only
;; reads and writes the buffers it is given.
(module
  (import "env" "memory" (memory 1 MAXIMUM))

  ;; Max-pool gradient for windows that do not overlap (stride >= pool). For every window and
  ;; every 4 channels, finds the first strictly largest value in row-major window order (NaN
  ;; never wins; a window with nothing above -Infinity passes nothing), then writes dy there
  ;; and 0 at the window's other pixels. Needs channels >= 4: the last group of 4 overlaps the
  ;; one before it, which rewrites the same values. Pixels outside every window are not
  ;; touched; the caller zeroes dx first when there are any.
  ;; With $relu set, x is a ReLU's output and the gradient continues through it: the maximum gets
  ;; g·step(x) (see reluGradColumnSums); the window's other pixels get 0 (tfjs would give NaN
  ;; where x is NaN, but then the loss is NaN and the run has diverged). With $db set,
  ;; the bias gradient Σ dx per channel goes there too (the last, overlapping group of channels adds
  ;; only its new lanes), each image summed in $block (ch floats of scratch) and folded.
  (func (export "maxPoolGradTiled")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $batch i32) (param $inH i32) (param $inW i32) (param $ch i32)
    (param $outH i32) (param $outW i32) (param $fh i32) (param $fw i32)
    (param $sh i32) (param $sw i32) (param $padTop i32) (param $padLeft i32)
    (param $relu i32) (param $db i32) (param $block i32)
    (local $b i32) (local $yR i32) (local $yC i32) (local $d i32)
    (local $r i32) (local $c i32) (local $rMin i32) (local $rMax i32) (local $cMin i32) (local $cMax i32)
    (local $k i32) (local $row i32) (local $pixel i32) (local $dyAt i32) (local $lastD i32)
    (local $v v128) (local $best v128) (local $at v128) (local $m v128) (local $g v128) (local $address i32)
    (local.set $lastD (i32.sub (local.get $ch) (i32.const 4)))
    (if (local.get $db)
      (then
        (memory.fill (local.get $db) (i32.const 0) (i32.shl (local.get $ch) (i32.const 2)))
        (memory.fill (local.get $block) (i32.const 0) (i32.shl (local.get $ch) (i32.const 2)))))
    (local.set $b (i32.const 0))
    (block $bDone (loop $bLoop
      (br_if $bDone (i32.ge_u (local.get $b) (local.get $batch)))
      (local.set $yR (i32.const 0))
      (block $rDone (loop $rLoop
        (br_if $rDone (i32.ge_u (local.get $yR) (local.get $outH)))
        ;; Rows of this window inside the image: [rMin, rMax).
        (local.set $rMin (i32.sub (i32.mul (local.get $yR) (local.get $sh)) (local.get $padTop)))
        (local.set $rMax (i32.add (local.get $rMin) (local.get $fh)))
        (if (i32.lt_s (local.get $rMin) (i32.const 0)) (then (local.set $rMin (i32.const 0))))
        (if (i32.gt_s (local.get $rMax) (local.get $inH)) (then (local.set $rMax (local.get $inH))))
        (local.set $yC (i32.const 0))
        (block $cDone (loop $cLoop
          (br_if $cDone (i32.ge_u (local.get $yC) (local.get $outW)))
          (local.set $cMin (i32.sub (i32.mul (local.get $yC) (local.get $sw)) (local.get $padLeft)))
          (local.set $cMax (i32.add (local.get $cMin) (local.get $fw)))
          (if (i32.lt_s (local.get $cMin) (i32.const 0)) (then (local.set $cMin (i32.const 0))))
          (if (i32.gt_s (local.get $cMax) (local.get $inW)) (then (local.set $cMax (local.get $inW))))
          ;; Element index of dy[b, yR, yC, 0].
          (local.set $dyAt (i32.mul
            (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $outH)) (local.get $yR)) (local.get $outW)) (local.get $yC))
            (local.get $ch)))
          (local.set $d (i32.const 0))
          (block $dDone (loop $dLoop
            (br_if $dDone (i32.gt_s (local.get $d) (local.get $lastD)))
            ;; Pass 1: the first maximum of each lane, as its pixel number k within the window.
            (local.set $best (f32x4.splat (f32.const -inf)))
            (local.set $at (i32x4.splat (i32.const -1)))
            (local.set $k (i32.const 0))
            (local.set $r (local.get $rMin))
            (block $p1rDone (loop $p1r
              (br_if $p1rDone (i32.ge_s (local.get $r) (local.get $rMax)))
              (local.set $row (i32.mul (i32.add (i32.mul (local.get $b) (local.get $inH)) (local.get $r)) (local.get $inW)))
              (local.set $c (local.get $cMin))
              (block $p1cDone (loop $p1c
                (br_if $p1cDone (i32.ge_s (local.get $c) (local.get $cMax)))
                (local.set $pixel (i32.add (i32.mul (i32.add (local.get $row) (local.get $c)) (local.get $ch)) (local.get $d)))
                (local.set $v (v128.load (i32.add (local.get $x) (i32.shl (local.get $pixel) (i32.const 2)))))
                (local.set $m (f32x4.gt (local.get $v) (local.get $best)))
                (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $m)))
                (local.set $at (v128.bitselect (i32x4.splat (local.get $k)) (local.get $at) (local.get $m)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (br $p1c)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br $p1r)))
            ;; Pass 2: dy at the maximum, 0 elsewhere. Through a ReLU only the maximum's step counts,
            ;; and the bias gradient gains each window's one value.
            (local.set $g (v128.load (i32.add (local.get $dy) (i32.shl (i32.add (local.get $dyAt) (local.get $d)) (i32.const 2)))))
            (if (local.get $relu) (then (local.set $g (f32x4.mul (local.get $g) (call $stepOf (local.get $best))))))
            (if (local.get $db)
              (then
                (local.set $address (i32.add (local.get $block) (i32.shl (local.get $d) (i32.const 2))))
                ;; The last group of channels that overlaps the one before adds only its new lanes.
                (local.set $m (i32x4.ne (local.get $at) (i32x4.splat (i32.const -1))))
                (if (i32.and (i32.eq (local.get $d) (local.get $lastD)) (i32.ne (i32.and (local.get $ch) (i32.const 3)) (i32.const 0)))
                  (then (local.set $m (v128.and (local.get $m) (i32x4.ge_s (v128.const i32x4 0 1 2 3)
                    (i32x4.splat (i32.sub (i32.const 4) (i32.and (local.get $ch) (i32.const 3)))))))))
                (v128.store (local.get $address)
                  (f32x4.add (v128.load (local.get $address)) (v128.and (local.get $g) (local.get $m))))))
            (local.set $k (i32.const 0))
            (local.set $r (local.get $rMin))
            (block $p2rDone (loop $p2r
              (br_if $p2rDone (i32.ge_s (local.get $r) (local.get $rMax)))
              (local.set $row (i32.mul (i32.add (i32.mul (local.get $b) (local.get $inH)) (local.get $r)) (local.get $inW)))
              (local.set $c (local.get $cMin))
              (block $p2cDone (loop $p2c
                (br_if $p2cDone (i32.ge_s (local.get $c) (local.get $cMax)))
                (local.set $pixel (i32.add (i32.mul (i32.add (local.get $row) (local.get $c)) (local.get $ch)) (local.get $d)))
                (v128.store (i32.add (local.get $dx) (i32.shl (local.get $pixel) (i32.const 2)))
                  (v128.and (local.get $g) (i32x4.eq (local.get $at) (i32x4.splat (local.get $k)))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (br $p2c)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br $p2r)))
            ;; Next 4 channels; the last group ends exactly at the last channel.
            (if (i32.eq (local.get $d) (local.get $lastD))
              (then (local.set $d (i32.add (local.get $lastD) (i32.const 1))))
              (else
                (local.set $d (i32.add (local.get $d) (i32.const 4)))
                (if (i32.gt_s (local.get $d) (local.get $lastD)) (then (local.set $d (local.get $lastD))))))
            (br $dLoop)))
          (local.set $yC (i32.add (local.get $yC) (i32.const 1)))
          (br $cLoop)))
        (local.set $yR (i32.add (local.get $yR) (i32.const 1)))
        (br $rLoop)))
      (if (local.get $db) (then (call $fold (local.get $db) (local.get $block) (i32.shl (local.get $ch) (i32.const 2)))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bLoop))))

  ;; out[c] = sum over r of src[r * cols + c], for cols >= 4. Rows are added 4 columns at a time
  ;; into `block` (cols floats of scratch), which is folded into `out` every $blockRows rows: far
  ;; less rounding than one running float sum over 100,000 rows. When cols is not a multiple of 4
  ;; the last 4 columns are added once more, masked to the lanes the others did not cover.
  (func (export "columnSums")
    (param $src i32) (param $rows i32) (param $cols i32) (param $out i32) (param $block i32) (param $blockRows i32)
    (local $r i32) (local $c i32) (local $inBlock i32) (local $rowAt i32) (local $bytes i32) (local $whole i32)
    (local $tail v128)
    (local.set $bytes (i32.shl (local.get $cols) (i32.const 2)))
    ;; Bytes covered by whole groups of 4, and a mask of the lanes the last group adds.
    (local.set $whole (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $tail (i32x4.ge_s (v128.const i32x4 0 1 2 3)
      (i32x4.splat (i32.sub (i32.const 4) (i32.and (local.get $cols) (i32.const 3))))))
    (memory.fill (local.get $out) (i32.const 0) (local.get $bytes))
    (memory.fill (local.get $block) (i32.const 0) (local.get $bytes))
    (local.set $rowAt (local.get $src))
    (local.set $r (i32.const 0))
    (local.set $inBlock (i32.const 0))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $c (i32.const 0))
      (block $cDone (loop $cLoop
        (br_if $cDone (i32.ge_u (local.get $c) (local.get $whole)))
        (v128.store (i32.add (local.get $block) (local.get $c))
          (f32x4.add
            (v128.load (i32.add (local.get $block) (local.get $c)))
            (v128.load (i32.add (local.get $rowAt) (local.get $c)))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $cLoop)))
      (if (i32.ne (local.get $whole) (local.get $bytes))
        (then
          (local.set $c (i32.sub (local.get $bytes) (i32.const 16)))
          (v128.store (i32.add (local.get $block) (local.get $c))
            (f32x4.add
              (v128.load (i32.add (local.get $block) (local.get $c)))
              (v128.and (local.get $tail) (v128.load (i32.add (local.get $rowAt) (local.get $c))))))))
      (local.set $rowAt (i32.add (local.get $rowAt) (local.get $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (local.set $inBlock (i32.add (local.get $inBlock) (i32.const 1)))
      (if (i32.or (i32.eq (local.get $inBlock) (local.get $blockRows)) (i32.eq (local.get $r) (local.get $rows)))
        (then
          ;; Fold per column (4 at a time, the last group overlapping): block holds each column once.
          (local.set $c (i32.const 0))
          (block $fDone (loop $fold
            (br_if $fDone (i32.ge_u (local.get $c) (local.get $bytes)))
            (if (i32.gt_u (i32.add (local.get $c) (i32.const 16)) (local.get $bytes))
              (then (local.set $c (i32.sub (local.get $bytes) (i32.const 16)))))
            (v128.store (i32.add (local.get $out) (local.get $c))
              (f32x4.add
                (v128.load (i32.add (local.get $out) (local.get $c)))
                (v128.load (i32.add (local.get $block) (local.get $c)))))
            (v128.store (i32.add (local.get $block) (local.get $c)) (v128.const i32x4 0 0 0 0))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $fold)))
          (local.set $inBlock (i32.const 0))))
      (br $rows))))

  ;; @include im2col.wat
  ;; @include fused.wat
)
