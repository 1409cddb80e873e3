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
  (func (export "maxPoolGradTiled")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $batch i32) (param $inH i32) (param $inW i32) (param $ch i32)
    (param $outH i32) (param $outW i32) (param $fh i32) (param $fw i32)
    (param $sh i32) (param $sw i32) (param $padTop i32) (param $padLeft i32)
    (local $b i32) (local $yR i32) (local $yC i32) (local $d i32)
    (local $r i32) (local $c i32) (local $rMin i32) (local $rMax i32) (local $cMin i32) (local $cMax i32)
    (local $k i32) (local $row i32) (local $pixel i32) (local $dyAt i32) (local $lastD i32)
    (local $v v128) (local $best v128) (local $at v128) (local $m v128) (local $g v128)
    (local.set $lastD (i32.sub (local.get $ch) (i32.const 4)))
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
            ;; Pass 2: dy at the maximum, 0 elsewhere.
            (local.set $g (v128.load (i32.add (local.get $dy) (i32.shl (i32.add (local.get $dyAt) (local.get $d)) (i32.const 2)))))
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

  ;; The gradient through a ReLU and the bias before it, in one pass over a [rows, cols] matrix:
  ;; dz = dy · step(y), with step 1 where y > 0, 0 where not and NaN where y is NaN (so that
  ;; dz = dy · step(y) rounds exactly as tfjs's mul(dy, step(x)) does), and out[c] = Σ_r dz[r, c]
  ;; summed in blocks of $blockRows rows as columnSums does. cols >= 4; when cols is not a
  ;; multiple of 4 the last group overlaps the one before it (dz is rewritten with the same values,
  ;; the sum is masked to the new lanes).
  (func (export "reluGradColumnSums")
    (param $dy i32) (param $y i32) (param $dz i32) (param $rows i32) (param $cols i32)
    (param $out i32) (param $block i32) (param $blockRows i32)
    (local $r i32) (local $c i32) (local $inBlock i32) (local $at i32) (local $bytes i32) (local $whole i32)
    (local $tail v128) (local $g v128)
    (local.set $bytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $whole (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $tail (i32x4.ge_s (v128.const i32x4 0 1 2 3)
      (i32x4.splat (i32.sub (i32.const 4) (i32.and (local.get $cols) (i32.const 3))))))
    (memory.fill (local.get $out) (i32.const 0) (local.get $bytes))
    (memory.fill (local.get $block) (i32.const 0) (local.get $bytes))
    (local.set $at (i32.const 0))
    (local.set $r (i32.const 0))
    (local.set $inBlock (i32.const 0))
    (block $done (loop $rowLoop
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $c (i32.const 0))
      (block $cDone (loop $cLoop
        (br_if $cDone (i32.ge_u (local.get $c) (local.get $whole)))
        (local.set $g (call $reluGrad (i32.add (local.get $dy) (i32.add (local.get $at) (local.get $c)))
                                      (i32.add (local.get $y) (i32.add (local.get $at) (local.get $c)))))
        (v128.store (i32.add (local.get $dz) (i32.add (local.get $at) (local.get $c))) (local.get $g))
        (v128.store (i32.add (local.get $block) (local.get $c))
          (f32x4.add (v128.load (i32.add (local.get $block) (local.get $c))) (local.get $g)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $cLoop)))
      (if (i32.ne (local.get $whole) (local.get $bytes))
        (then
          (local.set $c (i32.sub (local.get $bytes) (i32.const 16)))
          (local.set $g (call $reluGrad (i32.add (local.get $dy) (i32.add (local.get $at) (local.get $c)))
                                        (i32.add (local.get $y) (i32.add (local.get $at) (local.get $c)))))
          (v128.store (i32.add (local.get $dz) (i32.add (local.get $at) (local.get $c))) (local.get $g))
          (v128.store (i32.add (local.get $block) (local.get $c))
            (f32x4.add (v128.load (i32.add (local.get $block) (local.get $c))) (v128.and (local.get $tail) (local.get $g))))))
      (local.set $at (i32.add (local.get $at) (local.get $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (local.set $inBlock (i32.add (local.get $inBlock) (i32.const 1)))
      (if (i32.or (i32.eq (local.get $inBlock) (local.get $blockRows)) (i32.eq (local.get $r) (local.get $rows)))
        (then
          (call $fold (local.get $out) (local.get $block) (local.get $bytes))
          (local.set $inBlock (i32.const 0))))
      (br $rowLoop))))

  ;; dy · step(y) for 4 floats at byte addresses $dy and $y (see reluGradColumnSums).
  (func $reluGrad (param $dy i32) (param $y i32) (result v128)
    (local $v v128)
    (local.set $v (v128.load (local.get $y)))
    (f32x4.mul (v128.load (local.get $dy))
      (f32x4.add
        (v128.bitselect (f32x4.splat (f32.const 1)) (v128.const i32x4 0 0 0 0) (f32x4.gt (local.get $v) (v128.const i32x4 0 0 0 0)))
        (v128.bitselect (local.get $v) (v128.const i32x4 0 0 0 0) (f32x4.ne (local.get $v) (local.get $v))))))

  ;; out[c] += block[c] and block[c] = 0 for the $bytes / 4 columns (4 at a time, the last group
  ;; overlapping the one before: block holds each column once, so the overlap adds nothing twice).
  (func $fold (param $out i32) (param $block i32) (param $bytes i32)
    (local $c i32)
    (block $fDone (loop $foldLoop
      (br_if $fDone (i32.ge_u (local.get $c) (local.get $bytes)))
      (if (i32.gt_u (i32.add (local.get $c) (i32.const 16)) (local.get $bytes))
        (then (local.set $c (i32.sub (local.get $bytes) (i32.const 16)))))
      (v128.store (i32.add (local.get $out) (local.get $c))
        (f32x4.add (v128.load (i32.add (local.get $out) (local.get $c))) (v128.load (i32.add (local.get $block) (local.get $c)))))
      (v128.store (i32.add (local.get $block) (local.get $c)) (v128.const i32x4 0 0 0 0))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br $foldLoop))))

  ;; The im2col rows of patchRows in im2col.ts (same layout and zeros), with each run of output
  ;; pixels that reads consecutive floats (stride 1, one channel) as one memory.copy.
  (func (export "patchRows")
    (param $x i32) (param $out i32) (param $batch i32) (param $inH i32) (param $inW i32) (param $ch i32)
    (param $outH i32) (param $outW i32) (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32)
    (param $padTop i32) (param $padLeft i32)
    (local $i i32) (local $j i32) (local $c i32) (local $n i32) (local $p i32) (local $q i32)
    (local $qMin i32) (local $qMax i32) (local $m i32) (local $o i32) (local $r i32) (local $base i32)
    (local $step i32) (local $xRow i32) (local $xImage i32) (local $rowLength i32)
    (local.set $rowLength (i32.mul (local.get $batch) (i32.mul (local.get $outH) (local.get $outW))))
    (local.set $xRow (i32.mul (local.get $inW) (local.get $ch)))
    (local.set $xImage (i32.mul (local.get $inH) (local.get $xRow)))
    (local.set $step (i32.mul (local.get $sw) (local.get $ch)))
    (block $iDone (loop $iLoop
      (br_if $iDone (i32.ge_s (local.get $i) (local.get $kh)))
      (local.set $j (i32.const 0))
      (block $jDone (loop $jLoop
        (br_if $jDone (i32.ge_s (local.get $j) (local.get $kw)))
        ;; Output columns whose input column lies inside the image: q in [qMin, qMax).
        (local.set $m (i32.sub (local.get $padLeft) (local.get $j)))
        (local.set $qMin (i32.const 0))
        (if (i32.gt_s (local.get $m) (i32.const 0))
          (then (local.set $qMin (i32.div_s (i32.sub (i32.add (local.get $m) (local.get $sw)) (i32.const 1)) (local.get $sw)))))
        (local.set $m (i32.add (i32.sub (local.get $inW) (i32.const 1)) (i32.sub (local.get $padLeft) (local.get $j))))
        (local.set $qMax (local.get $qMin))
        (if (i32.ge_s (local.get $m) (i32.const 0))
          (then
            (local.set $qMax (i32.add (i32.div_s (local.get $m) (local.get $sw)) (i32.const 1)))
            (if (i32.gt_s (local.get $qMax) (local.get $outW)) (then (local.set $qMax (local.get $outW))))
            (if (i32.lt_s (local.get $qMax) (local.get $qMin)) (then (local.set $qMax (local.get $qMin))))))
        (if (i32.gt_s (local.get $qMin) (local.get $outW)) (then (local.set $qMin (local.get $outW)) (local.set $qMax (local.get $outW))))
        (local.set $c (i32.const 0))
        (block $cDone (loop $cLoop
          (br_if $cDone (i32.ge_s (local.get $c) (local.get $ch)))
          (local.set $o (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $i) (local.get $kw)) (local.get $j)) (local.get $ch)) (local.get $c))
                                 (local.get $rowLength)))
          (local.set $n (i32.const 0))
          (block $nDone (loop $nLoop
            (br_if $nDone (i32.ge_s (local.get $n) (local.get $batch)))
            (local.set $p (i32.const 0))
            (block $pDone (loop $pLoop
              (br_if $pDone (i32.ge_s (local.get $p) (local.get $outH)))
              (local.set $r (i32.sub (i32.add (i32.mul (local.get $p) (local.get $sh)) (local.get $i)) (local.get $padTop)))
              (if (i32.or (i32.lt_s (local.get $r) (i32.const 0)) (i32.ge_s (local.get $r) (local.get $inH)))
                (then (memory.fill (i32.add (local.get $out) (i32.shl (local.get $o) (i32.const 2))) (i32.const 0) (i32.shl (local.get $outW) (i32.const 2))))
                (else
                  (memory.fill (i32.add (local.get $out) (i32.shl (local.get $o) (i32.const 2))) (i32.const 0) (i32.shl (local.get $qMin) (i32.const 2)))
                  ;; Element index of x[n, r, qMin·sw + j − padLeft, c].
                  (local.set $base (i32.add
                    (i32.add (i32.mul (local.get $n) (local.get $xImage)) (i32.mul (local.get $r) (local.get $xRow)))
                    (i32.add (i32.mul (i32.sub (local.get $j) (local.get $padLeft)) (local.get $ch)) (local.get $c))))
                  (local.set $base (i32.add (local.get $base) (i32.mul (local.get $qMin) (local.get $step))))
                  (if (i32.eq (local.get $step) (i32.const 1))
                    (then
                      (memory.copy (i32.add (local.get $out) (i32.shl (i32.add (local.get $o) (local.get $qMin)) (i32.const 2)))
                                   (i32.add (local.get $x) (i32.shl (local.get $base) (i32.const 2)))
                                   (i32.shl (i32.sub (local.get $qMax) (local.get $qMin)) (i32.const 2))))
                    (else
                      (local.set $q (local.get $qMin))
                      (block $qDone (loop $qLoop
                        (br_if $qDone (i32.ge_s (local.get $q) (local.get $qMax)))
                        (f32.store (i32.add (local.get $out) (i32.shl (i32.add (local.get $o) (local.get $q)) (i32.const 2)))
                                   (f32.load (i32.add (local.get $x) (i32.shl (local.get $base) (i32.const 2)))))
                        (local.set $base (i32.add (local.get $base) (local.get $step)))
                        (local.set $q (i32.add (local.get $q) (i32.const 1)))
                        (br $qLoop)))))
                  (memory.fill (i32.add (local.get $out) (i32.shl (i32.add (local.get $o) (local.get $qMax)) (i32.const 2))) (i32.const 0)
                               (i32.shl (i32.sub (local.get $outW) (local.get $qMax)) (i32.const 2)))))
              (local.set $o (i32.add (local.get $o) (local.get $outW)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $pLoop)))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $nLoop)))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br $cLoop)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jLoop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $iLoop))))

  ;; One Adam step for $n floats, the very float32 operations of tfjs's AdamOptimizer in its order:
  ;;   m' = m·β1 + g·(1 − β1),  v' = v·β2 + g²·(1 − β2),
  ;;   w' = (m' / (1 − β1ᵗ)) / (√(v' / (1 − β2ᵗ)) + ε) · (−lr) + w.
  ;; Addresses are byte offsets; the outputs may not overlap the inputs.
  (func (export "adamUpdate")
    (param $w i32) (param $m i32) (param $v i32) (param $g i32) (param $outW i32) (param $outM i32) (param $outV i32) (param $n i32)
    (param $b1 f32) (param $oneMinusB1 f32) (param $b2 f32) (param $oneMinusB2 f32)
    (param $oneMinusAcc1 f32) (param $oneMinusAcc2 f32) (param $eps f32) (param $negLr f32)
    (local $at i32) (local $end i32) (local $whole i32)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $sM f32) (local $sV f32) (local $sG f32)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $whole (i32.and (local.get $end) (i32.const -16)))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $at) (local.get $whole)))
      (local.set $gv (v128.load (i32.add (local.get $g) (local.get $at))))
      (local.set $mv (f32x4.add
        (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $at))) (f32x4.splat (local.get $b1)))
        (f32x4.mul (local.get $gv) (f32x4.splat (local.get $oneMinusB1)))))
      (local.set $vv (f32x4.add
        (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $at))) (f32x4.splat (local.get $b2)))
        (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (f32x4.splat (local.get $oneMinusB2)))))
      (v128.store (i32.add (local.get $outM) (local.get $at)) (local.get $mv))
      (v128.store (i32.add (local.get $outV) (local.get $at)) (local.get $vv))
      (v128.store (i32.add (local.get $outW) (local.get $at))
        (f32x4.add
          (f32x4.mul
            (f32x4.div
              (f32x4.div (local.get $mv) (f32x4.splat (local.get $oneMinusAcc1)))
              (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vv) (f32x4.splat (local.get $oneMinusAcc2)))) (f32x4.splat (local.get $eps))))
            (f32x4.splat (local.get $negLr)))
          (v128.load (i32.add (local.get $w) (local.get $at)))))
      (local.set $at (i32.add (local.get $at) (i32.const 16)))
      (br $vec)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_u (local.get $at) (local.get $end)))
      (local.set $sG (f32.load (i32.add (local.get $g) (local.get $at))))
      (local.set $sM (f32.add (f32.mul (f32.load (i32.add (local.get $m) (local.get $at))) (local.get $b1)) (f32.mul (local.get $sG) (local.get $oneMinusB1))))
      (local.set $sV (f32.add (f32.mul (f32.load (i32.add (local.get $v) (local.get $at))) (local.get $b2))
                              (f32.mul (f32.mul (local.get $sG) (local.get $sG)) (local.get $oneMinusB2))))
      (f32.store (i32.add (local.get $outM) (local.get $at)) (local.get $sM))
      (f32.store (i32.add (local.get $outV) (local.get $at)) (local.get $sV))
      (f32.store (i32.add (local.get $outW) (local.get $at))
        (f32.add
          (f32.mul
            (f32.div (f32.div (local.get $sM) (local.get $oneMinusAcc1))
                     (f32.add (f32.sqrt (f32.div (local.get $sV) (local.get $oneMinusAcc2))) (local.get $eps)))
            (local.get $negLr))
          (f32.load (i32.add (local.get $w) (local.get $at)))))
      (local.set $at (i32.add (local.get $at) (i32.const 4)))
      (br $tail))))

  ;; out[r·n + c] += Σ_{p < k} a[r·k + p] · b[p·n + c] for r < rows, c < n, n a multiple of 4:
  ;; a short, wide product (a filter gradient: rows = filter taps, k = output pixels, n = output
  ;; channels). Each row runs over k once per group of up to 16 columns, the group's sums in
  ;; registers, so b streams through the cache and nothing is packed. Sums are float32 in order of p.
  (func (export "rowsTimesMatrix")
    (param $a i32) (param $rows i32) (param $k i32) (param $b i32) (param $n i32) (param $out i32)
    (local $r i32) (local $c i32) (local $p i32) (local $aRow i32) (local $bAt i32) (local $rowBytes i32) (local $o i32)
    (local $s v128) (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (block $rDone (loop $rLoop
      (br_if $rDone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $aRow (i32.add (local.get $a) (i32.shl (i32.mul (local.get $r) (local.get $k)) (i32.const 2))))
      (local.set $o (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $rowBytes))))
      ;; Byte offset of the column group within a row of b and out.
      (local.set $c (i32.const 0))
      (block $cDone (loop $cLoop
        (br_if $cDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
        (if (i32.le_u (i32.add (local.get $c) (i32.const 64)) (local.get $rowBytes))
          (then
            ;; 16 columns.
            (local.set $acc0 (v128.load (i32.add (local.get $o) (local.get $c))))
            (local.set $acc1 (v128.load offset=16 (i32.add (local.get $o) (local.get $c))))
            (local.set $acc2 (v128.load offset=32 (i32.add (local.get $o) (local.get $c))))
            (local.set $acc3 (v128.load offset=48 (i32.add (local.get $o) (local.get $c))))
            (local.set $bAt (i32.add (local.get $b) (local.get $c)))
            (local.set $p (i32.const 0))
            (block $pDone (loop $pLoop
              (br_if $pDone (i32.ge_u (local.get $p) (local.get $k)))
              (local.set $s (v128.load32_splat (i32.add (local.get $aRow) (i32.shl (local.get $p) (i32.const 2)))))
              (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (local.get $s) (v128.load (local.get $bAt)))))
              (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $bAt)))))
              (local.set $acc2 (f32x4.add (local.get $acc2) (f32x4.mul (local.get $s) (v128.load offset=32 (local.get $bAt)))))
              (local.set $acc3 (f32x4.add (local.get $acc3) (f32x4.mul (local.get $s) (v128.load offset=48 (local.get $bAt)))))
              (local.set $bAt (i32.add (local.get $bAt) (local.get $rowBytes)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $pLoop)))
            (v128.store (i32.add (local.get $o) (local.get $c)) (local.get $acc0))
            (v128.store offset=16 (i32.add (local.get $o) (local.get $c)) (local.get $acc1))
            (v128.store offset=32 (i32.add (local.get $o) (local.get $c)) (local.get $acc2))
            (v128.store offset=48 (i32.add (local.get $o) (local.get $c)) (local.get $acc3))
            (local.set $c (i32.add (local.get $c) (i32.const 64))))
          (else
            ;; 4 columns (the last 4 to 12 of the row).
            (local.set $acc0 (v128.load (i32.add (local.get $o) (local.get $c))))
            (local.set $bAt (i32.add (local.get $b) (local.get $c)))
            (local.set $p (i32.const 0))
            (block $qDone (loop $qLoop
              (br_if $qDone (i32.ge_u (local.get $p) (local.get $k)))
              (local.set $acc0 (f32x4.add (local.get $acc0)
                (f32x4.mul (v128.load32_splat (i32.add (local.get $aRow) (i32.shl (local.get $p) (i32.const 2)))) (v128.load (local.get $bAt)))))
              (local.set $bAt (i32.add (local.get $bAt) (local.get $rowBytes)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $qLoop)))
            (v128.store (i32.add (local.get $o) (local.get $c)) (local.get $acc0))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))))
        (br $cLoop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rLoop))))

  ;; The transpose of patchRows' gather, for an input gradient: adds every column of $cols (one
  ;; output pixel's kh·kw·C values, pixel-major, taps in [kh][kw][C] order) into the input
  ;; pixels that patch read, dx[n, p·sh + i − padTop, q·sw + j − padLeft, c]; taps falling in the
  ;; padding are dropped. A patch row's kw·C values land on consecutive floats of dx, added 4 at a
  ;; time. The caller zeroes dx.
  (func (export "col2imAdd")
    (param $cols i32) (param $dx i32) (param $batch i32) (param $inH i32) (param $inW i32) (param $ch i32)
    (param $outH i32) (param $outW i32) (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32)
    (param $padTop i32) (param $padLeft i32)
    (local $n i32) (local $p i32) (local $q i32) (local $i i32) (local $r i32)
    (local $c0 i32) (local $jMin i32) (local $jMax i32) (local $len i32) (local $src i32) (local $dst i32) (local $e i32)
    (local $patch i32) (local $rowFloats i32)
    (local.set $rowFloats (i32.mul (local.get $kw) (local.get $ch)))
    (local.set $patch (local.get $cols))
    (block $nDone (loop $nLoop
      (br_if $nDone (i32.ge_s (local.get $n) (local.get $batch)))
      (local.set $p (i32.const 0))
      (block $pDone (loop $pLoop
        (br_if $pDone (i32.ge_s (local.get $p) (local.get $outH)))
        (local.set $q (i32.const 0))
        (block $qDone (loop $qLoop
          (br_if $qDone (i32.ge_s (local.get $q) (local.get $outW)))
          ;; Taps j whose input column c0 + j is inside the image: [jMin, jMax).
          (local.set $c0 (i32.sub (i32.mul (local.get $q) (local.get $sw)) (local.get $padLeft)))
          (local.set $jMin (select (i32.sub (i32.const 0) (local.get $c0)) (i32.const 0) (i32.lt_s (local.get $c0) (i32.const 0))))
          (local.set $jMax (local.get $kw))
          (if (i32.gt_s (i32.add (local.get $c0) (local.get $kw)) (local.get $inW))
            (then (local.set $jMax (i32.sub (local.get $inW) (local.get $c0)))))
          (local.set $len (i32.shl (i32.mul (i32.sub (local.get $jMax) (local.get $jMin)) (local.get $ch)) (i32.const 2)))
          (local.set $i (i32.const 0))
          (block $iDone (loop $iLoop
            (br_if $iDone (i32.ge_s (local.get $i) (local.get $kh)))
            (local.set $r (i32.sub (i32.add (i32.mul (local.get $p) (local.get $sh)) (local.get $i)) (local.get $padTop)))
            (if (i32.and (i32.and (i32.ge_s (local.get $r) (i32.const 0)) (i32.lt_s (local.get $r) (local.get $inH)))
                         (i32.gt_s (local.get $len) (i32.const 0)))
              (then
                (local.set $src (i32.add (local.get $patch)
                  (i32.shl (i32.add (i32.mul (local.get $i) (local.get $rowFloats)) (i32.mul (local.get $jMin) (local.get $ch))) (i32.const 2))))
                (local.set $dst (i32.add (local.get $dx) (i32.shl
                  (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $inH)) (local.get $r)) (local.get $inW))
                                    (i32.add (local.get $c0) (local.get $jMin))) (local.get $ch))
                  (i32.const 2))))
                (local.set $e (i32.const 0))
                (block $vDone (loop $vLoop
                  (br_if $vDone (i32.gt_s (i32.add (local.get $e) (i32.const 16)) (local.get $len)))
                  (v128.store (i32.add (local.get $dst) (local.get $e))
                    (f32x4.add (v128.load (i32.add (local.get $dst) (local.get $e))) (v128.load (i32.add (local.get $src) (local.get $e)))))
                  (local.set $e (i32.add (local.get $e) (i32.const 16)))
                  (br $vLoop)))
                (block $sDone (loop $sLoop
                  (br_if $sDone (i32.ge_s (local.get $e) (local.get $len)))
                  (f32.store (i32.add (local.get $dst) (local.get $e))
                    (f32.add (f32.load (i32.add (local.get $dst) (local.get $e))) (f32.load (i32.add (local.get $src) (local.get $e)))))
                  (local.set $e (i32.add (local.get $e) (i32.const 4)))
                  (br $sLoop)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $iLoop)))
          (local.set $patch (i32.add (local.get $patch) (i32.shl (i32.mul (local.get $kh) (local.get $rowFloats)) (i32.const 2))))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (br $qLoop)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $pLoop)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $nLoop))))
)
