;; Functions of simd.wat's module (spliced in where it says @include): convolution patches, their
;; scatter back, and the product of short rows with a matrix, for the filter and input gradients.

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

;; out[r·n + c] += Σ_{p < k} a[r·k + p] · b[p·n + c] for r < rows, c < n, n >= 4: a short, wide
  ;; product (a filter gradient: rows = filter taps, k = output pixels, n = output channels).
  ;; Blocks of 4 rows by 8 columns keep their 8 sums in registers and share each load of b between
  ;; the 4 rows; the rows left over go one at a time, 4 columns at a time. When n is not a multiple
  ;; of 4 the last 4 columns are taken again with the lanes done before masked off. b streams
  ;; through the cache once per block and nothing is packed. Sums are float32 in order of p.
  (func (export "rowsTimesMatrix")
    (param $a i32) (param $rows i32) (param $k i32) (param $b i32) (param $n i32) (param $out i32)
    (local $r i32) (local $c i32) (local $rowBytes i32) (local $aStride i32) (local $whole i32) (local $tail v128) (local $q i32)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $aStride (i32.shl (local.get $k) (i32.const 2)))
    (local.set $whole (i32.and (local.get $rowBytes) (i32.const -16)))
    (local.set $tail (i32x4.ge_s (v128.const i32x4 0 1 2 3)
      (i32x4.splat (i32.sub (i32.const 4) (i32.and (local.get $n) (i32.const 3))))))
    ;; The masked last group: each row's last 4 columns, only the lanes no whole group covered.
    (if (i32.ne (local.get $whole) (local.get $rowBytes))
      (then
        (local.set $q (i32.const 0))
        (block $mDone (loop $mLoop
          (br_if $mDone (i32.ge_u (local.get $q) (local.get $rows)))
          (call $row1x4masked (i32.add (local.get $a) (i32.mul (local.get $q) (local.get $aStride))) (local.get $k)
            (i32.add (local.get $b) (i32.sub (local.get $rowBytes) (i32.const 16))) (local.get $rowBytes)
            (i32.add (local.get $out) (i32.sub (i32.mul (i32.add (local.get $q) (i32.const 1)) (local.get $rowBytes)) (i32.const 16))) (local.get $tail))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (br $mLoop)))))
    (block $rDone (loop $rLoop
      (br_if $rDone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $c (i32.const 0))
      (if (i32.le_u (i32.add (local.get $r) (i32.const 4)) (local.get $rows))
        (then
          (block $cDone (loop $cLoop
            (br_if $cDone (i32.ge_u (local.get $c) (local.get $whole)))
            (if (i32.le_u (i32.add (local.get $c) (i32.const 32)) (local.get $whole))
              (then
                (call $block4x8 (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $aStride))) (local.get $aStride) (local.get $k)
                  (i32.add (local.get $b) (local.get $c)) (local.get $rowBytes)
                  (i32.add (local.get $out) (i32.add (i32.mul (local.get $r) (local.get $rowBytes)) (local.get $c))))
                (local.set $c (i32.add (local.get $c) (i32.const 32))))
              (else
                ;; The last 4 columns, row by row.
                (call $row1x4 (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $aStride))) (local.get $k) (i32.add (local.get $b) (local.get $c)) (local.get $rowBytes)
                  (i32.add (local.get $out) (i32.add (i32.mul (local.get $r) (local.get $rowBytes)) (local.get $c))))
                (call $row1x4 (i32.add (local.get $a) (i32.mul (i32.add (local.get $r) (i32.const 1)) (local.get $aStride))) (local.get $k) (i32.add (local.get $b) (local.get $c)) (local.get $rowBytes)
                  (i32.add (local.get $out) (i32.add (i32.mul (i32.add (local.get $r) (i32.const 1)) (local.get $rowBytes)) (local.get $c))))
                (call $row1x4 (i32.add (local.get $a) (i32.mul (i32.add (local.get $r) (i32.const 2)) (local.get $aStride))) (local.get $k) (i32.add (local.get $b) (local.get $c)) (local.get $rowBytes)
                  (i32.add (local.get $out) (i32.add (i32.mul (i32.add (local.get $r) (i32.const 2)) (local.get $rowBytes)) (local.get $c))))
                (call $row1x4 (i32.add (local.get $a) (i32.mul (i32.add (local.get $r) (i32.const 3)) (local.get $aStride))) (local.get $k) (i32.add (local.get $b) (local.get $c)) (local.get $rowBytes)
                  (i32.add (local.get $out) (i32.add (i32.mul (i32.add (local.get $r) (i32.const 3)) (local.get $rowBytes)) (local.get $c))))
                (local.set $c (i32.add (local.get $c) (i32.const 16)))))
            (br $cLoop)))
          (local.set $r (i32.add (local.get $r) (i32.const 4))))
        (else
          (block $tDone (loop $tLoop
            (br_if $tDone (i32.ge_u (local.get $c) (local.get $whole)))
            (call $row1x4 (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $aStride))) (local.get $k) (i32.add (local.get $b) (local.get $c)) (local.get $rowBytes)
              (i32.add (local.get $out) (i32.add (i32.mul (local.get $r) (local.get $rowBytes)) (local.get $c))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $tLoop)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))))
      (br $rLoop))))

  ;; 4 rows of a (from $aRow, $aStride bytes apart, k floats each) times 8 columns of b (from $b,
  ;; $bStride bytes a row), added to the 4 × 8 floats at $out (rows $bStride bytes apart).
  (func $block4x8 (param $aRow i32) (param $aStride i32) (param $k i32) (param $b i32) (param $bStride i32) (param $out i32)
    (local $p i32) (local $end i32) (local $x0 v128) (local $x1 v128) (local $s v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $c00 (v128.load (local.get $out)))
    (local.set $c01 (v128.load offset=16 (local.get $out)))
    (local.set $c10 (v128.load (i32.add (local.get $out) (local.get $bStride))))
    (local.set $c11 (v128.load offset=16 (i32.add (local.get $out) (local.get $bStride))))
    (local.set $c20 (v128.load (i32.add (local.get $out) (i32.shl (local.get $bStride) (i32.const 1)))))
    (local.set $c21 (v128.load offset=16 (i32.add (local.get $out) (i32.shl (local.get $bStride) (i32.const 1)))))
    (local.set $c30 (v128.load (i32.add (local.get $out) (i32.mul (local.get $bStride) (i32.const 3)))))
    (local.set $c31 (v128.load offset=16 (i32.add (local.get $out) (i32.mul (local.get $bStride) (i32.const 3)))))
    (local.set $end (i32.shl (local.get $k) (i32.const 2)))
    (block $done (loop $pLoop
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $x0 (v128.load (local.get $b)))
      (local.set $x1 (v128.load offset=16 (local.get $b)))
      (local.set $s (v128.load32_splat (i32.add (local.get $aRow) (local.get $p))))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $s) (local.get $x0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $s) (local.get $x1))))
      (local.set $s (v128.load32_splat (i32.add (i32.add (local.get $aRow) (local.get $aStride)) (local.get $p))))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $s) (local.get $x0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $s) (local.get $x1))))
      (local.set $s (v128.load32_splat (i32.add (i32.add (local.get $aRow) (i32.shl (local.get $aStride) (i32.const 1))) (local.get $p))))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $s) (local.get $x0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $s) (local.get $x1))))
      (local.set $s (v128.load32_splat (i32.add (i32.add (local.get $aRow) (i32.mul (local.get $aStride) (i32.const 3))) (local.get $p))))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $s) (local.get $x0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $s) (local.get $x1))))
      (local.set $b (i32.add (local.get $b) (local.get $bStride)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $pLoop)))
    (v128.store (local.get $out) (local.get $c00))
    (v128.store offset=16 (local.get $out) (local.get $c01))
    (v128.store (i32.add (local.get $out) (local.get $bStride)) (local.get $c10))
    (v128.store offset=16 (i32.add (local.get $out) (local.get $bStride)) (local.get $c11))
    (v128.store (i32.add (local.get $out) (i32.shl (local.get $bStride) (i32.const 1))) (local.get $c20))
    (v128.store offset=16 (i32.add (local.get $out) (i32.shl (local.get $bStride) (i32.const 1))) (local.get $c21))
    (v128.store (i32.add (local.get $out) (i32.mul (local.get $bStride) (i32.const 3))) (local.get $c30))
    (v128.store offset=16 (i32.add (local.get $out) (i32.mul (local.get $bStride) (i32.const 3))) (local.get $c31)))

  ;; As row1x4, with only the lanes of $mask added.
  (func $row1x4masked (param $aRow i32) (param $k i32) (param $b i32) (param $bStride i32) (param $out i32) (param $mask v128)
    (local $p i32) (local $end i32) (local $acc v128)
    (local.set $end (i32.shl (local.get $k) (i32.const 2)))
    (block $done (loop $pLoop
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (v128.load32_splat (i32.add (local.get $aRow) (local.get $p))) (v128.load (local.get $b)))))
      (local.set $b (i32.add (local.get $b) (local.get $bStride)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $pLoop)))
    (v128.store (local.get $out) (f32x4.add (v128.load (local.get $out)) (v128.and (local.get $acc) (local.get $mask)))))

  ;; One row of a ($k floats from $aRow) times 4 columns of b, added to the 4 floats at $out.
  (func $row1x4 (param $aRow i32) (param $k i32) (param $b i32) (param $bStride i32) (param $out i32)
    (local $p i32) (local $end i32) (local $acc v128)
    (local.set $acc (v128.load (local.get $out)))
    (local.set $end (i32.shl (local.get $k) (i32.const 2)))
    (block $done (loop $pLoop
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (v128.load32_splat (i32.add (local.get $aRow) (local.get $p))) (v128.load (local.get $b)))))
      (local.set $b (i32.add (local.get $b) (local.get $bStride)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $pLoop)))
    (v128.store (local.get $out) (local.get $acc)))

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
