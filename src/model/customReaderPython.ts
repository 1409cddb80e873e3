// The Python reader of the app's dataset file of your own classes, one text shared by the Keras and PyTorch exports.

import { TEST_EVERY } from './customSplit';
import { MAX_CLASSES, MIN_CLASSES } from './datasets';

/** The file's `format` (src/data/customDataset.ts writes it; a test pins the two together). */
export const CUSTOM_FILE_FORMAT = 'cnn-playground/custom-dataset';

/**
 * `read_custom_dataset(f)`: an open dataset file in, its class names and the app's split out. The
 * split is the worker's (splitCustomDataset): every TEST_EVERY-th example of a class held out for
 * the test, the rest in the app's order (class by class), so the browser's seeded shuffle picks the
 * same examples. Needs base64, json and numpy. A file the app did not write stops the script with a
 * sentence, as a bad file gets one in the app.
 */
export const CUSTOM_READER_LINES: readonly string[] = [
  'def read_custom_dataset(f):',
  '    """Your own classes from the dataset file CNN Playground exports ("Export dataset"): the class names, then',
  '    (images, labels) to train on and to test on, images as bytes [n, 28, 28]. As in the app, every',
  `    ${ordinal(TEST_EVERY)} example of a class is held out for the test, and the rest keep the file's order."""`,
  '    try:',
  '        dataset = json.load(f)',
  '    except ValueError:',
  '        raise SystemExit("%s is not JSON, so not a dataset file CNN Playground exported" % f.name)',
  `    if not isinstance(dataset, dict) or dataset.get("format") != "${CUSTOM_FILE_FORMAT}" or dataset.get("version") != 1:`,
  '        raise SystemExit("%s is not a dataset file CNN Playground exported (version 1)" % f.name)',
  '    if dataset.get("image") != {"height": 28, "width": 28, "channels": 1}:',
  '        raise SystemExit("%s: the images must be 28x28 grayscale" % f.name)',
  '    classes = dataset.get("classes")',
  `    if not isinstance(classes, list) or not ${MIN_CLASSES} <= len(classes) <= ${MAX_CLASSES}:`,
  `        raise SystemExit("%s needs a list of ${MIN_CLASSES} to ${MAX_CLASSES} classes" % f.name)`,
  '    images, labels, held_out = [], [], []',
  '    for label, c in enumerate(classes):',
  '        if not (isinstance(c, dict) and isinstance(c.get("name"), str) and isinstance(c.get("count"), int) and isinstance(c.get("pixels"), str)):',
  '            raise SystemExit("%s: class %d has no name, count or pixels" % (f.name, label + 1))',
  '        try:',
  '            pixels = numpy.frombuffer(base64.b64decode(c["pixels"], validate=True), dtype=numpy.uint8)',
  '        except ValueError:',
  '            raise SystemExit("%s: the pixels of class %s are not base64" % (f.name, c["name"]))',
  '        if c["count"] < 0 or pixels.size != c["count"] * 28 * 28:',
  '            raise SystemExit("%s: class %s has %d bytes of pixels, not %d images of 28x28" % (f.name, c["name"], pixels.size, c["count"]))',
  '        for i, image in enumerate(pixels.reshape(c["count"], 28, 28)):',
  '            images.append(image)',
  '            labels.append(label)',
  `            held_out.append(i % ${TEST_EVERY} == ${TEST_EVERY - 1})`,
  '    images = numpy.array(images, dtype=numpy.uint8).reshape(-1, 28, 28)',
  '    labels, held_out = numpy.array(labels, dtype=numpy.int64), numpy.array(held_out, dtype=bool)',
  '    return [c["name"] for c in classes], (images[~held_out], labels[~held_out]), (images[held_out], labels[held_out])',
];

function ordinal(n: number): string {
  return ['second', 'third', 'fourth', 'fifth'][n - 2] ?? `${n}th`;
}
