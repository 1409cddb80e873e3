;; Functions of simd.wat's module (spliced in where it says @include): the fused training step's
;; one-pass loops (ReLU and bias gradient, Adam's update, batch normalisation).

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
    (f32x4.mul (v128.load (local.get $dy)) (call $stepOf (v128.load (local.get $y)))))

  ;; tfjs's Step of 4 floats: 1 above 0, 0 at or below, NaN for NaN.
  (func $stepOf (param $v v128) (result v128)
    (f32x4.add
      (v128.bitselect (f32x4.splat (f32.const 1)) (v128.const i32x4 0 0 0 0) (f32x4.gt (local.get $v) (v128.const i32x4 0 0 0 0)))
      (v128.bitselect (local.get $v) (v128.const i32x4 0 0 0 0) (f32x4.ne (local.get $v) (local.get $v)))))

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

  ;; Batch normalisation's statistics of a [rows, cols] matrix (cols a multiple of 4): mean[c] =
  ;; Σ_r x[r, c] / rows, then variance[c] = Σ_r (x[r, c] − mean[c])² / rows (biased, as tfjs's
  ;; moments), each sum taken in blocks of $blockRows rows in $block (cols floats) and folded.
  (func (export "batchNormStats")
    (param $x i32) (param $rows i32) (param $cols i32) (param $mean i32) (param $variance i32) (param $block i32) (param $blockRows i32)
    (local $r i32) (local $c i32) (local $at i32) (local $bytes i32) (local $inBlock i32) (local $d v128) (local $inv v128)
    (local.set $bytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $inv (f32x4.splat (f32.div (f32.const 1) (f32.convert_i32_u (local.get $rows)))))
    (call $columnSumsOf (local.get $x) (local.get $rows) (local.get $bytes) (local.get $mean) (local.get $block) (local.get $blockRows) (i32.const 0))
    (call $scaleColumns (local.get $mean) (local.get $bytes) (local.get $inv))
    (call $columnSumsOf (local.get $x) (local.get $rows) (local.get $bytes) (local.get $variance) (local.get $block) (local.get $blockRows) (local.get $mean))
    (call $scaleColumns (local.get $variance) (local.get $bytes) (local.get $inv)))

  ;; out[c] = Σ_r x[r, c] (no $centre) or Σ_r (x[r, c] − centre[c])², in blocks as columnSums.
  (func $columnSumsOf
    (param $x i32) (param $rows i32) (param $bytes i32) (param $out i32) (param $block i32) (param $blockRows i32) (param $centre i32)
    (local $r i32) (local $c i32) (local $at i32) (local $inBlock i32) (local $v v128)
    (memory.fill (local.get $out) (i32.const 0) (local.get $bytes))
    (memory.fill (local.get $block) (i32.const 0) (local.get $bytes))
    (block $done (loop $rowLoop
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $c (i32.const 0))
      (block $cDone (loop $cLoop
        (br_if $cDone (i32.ge_u (local.get $c) (local.get $bytes)))
        (local.set $v (v128.load (i32.add (local.get $x) (i32.add (local.get $at) (local.get $c)))))
        (if (local.get $centre)
          (then
            (local.set $v (f32x4.sub (local.get $v) (v128.load (i32.add (local.get $centre) (local.get $c)))))
            (local.set $v (f32x4.mul (local.get $v) (local.get $v)))))
        (v128.store (i32.add (local.get $block) (local.get $c)) (f32x4.add (v128.load (i32.add (local.get $block) (local.get $c))) (local.get $v)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $cLoop)))
      (local.set $at (i32.add (local.get $at) (local.get $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (local.set $inBlock (i32.add (local.get $inBlock) (i32.const 1)))
      (if (i32.or (i32.eq (local.get $inBlock) (local.get $blockRows)) (i32.eq (local.get $r) (local.get $rows)))
        (then
          (call $fold (local.get $out) (local.get $block) (local.get $bytes))
          (local.set $inBlock (i32.const 0))))
      (br $rowLoop))))

  (func $scaleColumns (param $v i32) (param $bytes i32) (param $by v128)
    (local $c i32)
    (block $done (loop $cLoop
      (br_if $done (i32.ge_u (local.get $c) (local.get $bytes)))
      (v128.store (i32.add (local.get $v) (local.get $c)) (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $c))) (local.get $by)))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br $cLoop))))

  ;; out[r, c] = (x[r, c] − mean[c]) · a[c] + b[c] with dy absent, or a[c]·dy[r, c] + k[c]·(x[r, c] − mean[c]) + b[c]
  ;; with it: batch normalisation's output (a = γ/√(σ² + ε), b = β) and its input gradient.
  (func (export "batchNormApply")
    (param $x i32) (param $dy i32) (param $mean i32) (param $a i32) (param $k i32) (param $b i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $c i32) (local $at i32) (local $bytes i32) (local $xc v128) (local $v v128)
    (local.set $bytes (i32.shl (local.get $cols) (i32.const 2)))
    (block $done (loop $rowLoop
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $c (i32.const 0))
      (block $cDone (loop $cLoop
        (br_if $cDone (i32.ge_u (local.get $c) (local.get $bytes)))
        (local.set $xc (f32x4.sub (v128.load (i32.add (local.get $x) (i32.add (local.get $at) (local.get $c)))) (v128.load (i32.add (local.get $mean) (local.get $c)))))
        (if (local.get $dy)
          (then (local.set $v (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $a) (local.get $c))) (v128.load (i32.add (local.get $dy) (i32.add (local.get $at) (local.get $c)))))
            (f32x4.mul (v128.load (i32.add (local.get $k) (local.get $c))) (local.get $xc)))))
          (else (local.set $v (f32x4.mul (local.get $xc) (v128.load (i32.add (local.get $a) (local.get $c)))))))
        (v128.store (i32.add (local.get $out) (i32.add (local.get $at) (local.get $c)))
          (f32x4.add (local.get $v) (v128.load (i32.add (local.get $b) (local.get $c)))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $cLoop)))
      (local.set $at (i32.add (local.get $at) (local.get $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rowLoop))))

  ;; The sums batch normalisation's gradient needs: sumDy[c] = Σ_r dy and sumDyXc[c] = Σ_r dy·(x − mean),
  ;; in blocks of $blockRows rows (two blocks of cols floats of scratch, $blockA and $blockB).
  (func (export "batchNormGradSums")
    (param $dy i32) (param $x i32) (param $mean i32) (param $sumDy i32) (param $sumDyXc i32) (param $rows i32) (param $cols i32)
    (param $blockA i32) (param $blockB i32) (param $blockRows i32)
    (local $r i32) (local $c i32) (local $at i32) (local $bytes i32) (local $inBlock i32) (local $g v128)
    (local.set $bytes (i32.shl (local.get $cols) (i32.const 2)))
    (memory.fill (local.get $sumDy) (i32.const 0) (local.get $bytes))
    (memory.fill (local.get $sumDyXc) (i32.const 0) (local.get $bytes))
    (memory.fill (local.get $blockA) (i32.const 0) (local.get $bytes))
    (memory.fill (local.get $blockB) (i32.const 0) (local.get $bytes))
    (block $done (loop $rowLoop
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $c (i32.const 0))
      (block $cDone (loop $cLoop
        (br_if $cDone (i32.ge_u (local.get $c) (local.get $bytes)))
        (local.set $g (v128.load (i32.add (local.get $dy) (i32.add (local.get $at) (local.get $c)))))
        (v128.store (i32.add (local.get $blockA) (local.get $c)) (f32x4.add (v128.load (i32.add (local.get $blockA) (local.get $c))) (local.get $g)))
        (v128.store (i32.add (local.get $blockB) (local.get $c))
          (f32x4.add (v128.load (i32.add (local.get $blockB) (local.get $c)))
            (f32x4.mul (local.get $g)
              (f32x4.sub (v128.load (i32.add (local.get $x) (i32.add (local.get $at) (local.get $c)))) (v128.load (i32.add (local.get $mean) (local.get $c)))))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $cLoop)))
      (local.set $at (i32.add (local.get $at) (local.get $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (local.set $inBlock (i32.add (local.get $inBlock) (i32.const 1)))
      (if (i32.or (i32.eq (local.get $inBlock) (local.get $blockRows)) (i32.eq (local.get $r) (local.get $rows)))
        (then
          (call $fold (local.get $sumDy) (local.get $blockA) (local.get $bytes))
          (call $fold (local.get $sumDyXc) (local.get $blockB) (local.get $bytes))
          (local.set $inBlock (i32.const 0))))
      (br $rowLoop))))
