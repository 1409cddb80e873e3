// The eight guided lessons, in the order of the seed: the crash course, then its Keras project.

import type { GuideLesson } from '../types';
import { convLesson } from './conv';
import { denseLesson } from './dense';
import { imagesLesson } from './images';
import { practiceLesson } from './practice';
import { poolLesson } from './pool';
import { largerCnnLesson, mlpLesson, simpleCnnLesson } from './seedNetworks';

export const LESSONS: readonly GuideLesson[] = [imagesLesson, convLesson, poolLesson, denseLesson, mlpLesson, simpleCnnLesson, largerCnnLesson, practiceLesson];

export function findLesson(id: string): GuideLesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
