namespace Dimo.Core.Wire
{
    /// <summary>
    /// Canonical reading order: by signal id, then by time. A bottom-up merge sort of indices, because the device
    /// has no Array.Sort and an insertion sort of a few thousand readings is too slow for its interpreter.
    /// </summary>
    internal static class ReadingOrder
    {
        /// <summary>Fills order[0..count) with the indices of readings[0..count) in canonical order.
        /// <paramref name="scratch"/> must hold at least <paramref name="count"/> entries.</summary>
        public static void Sort(ReadingColumns readings, int count, int[] order, int[] scratch)
        {
            for (int i = 0; i < count; i++)
            {
                order[i] = i;
            }
            int[] source = order;
            int[] target = scratch;
            for (int width = 1; width < count; width *= 2)
            {
                for (int low = 0; low < count; low += 2 * width)
                {
                    int middle = low + width < count ? low + width : count;
                    int high = middle + width < count ? middle + width : count;
                    Merge(readings, source, target, low, middle, high);
                }
                int[] swap = source;
                source = target;
                target = swap;
            }
            if (source != order)
            {
                System.Array.Copy(source, order, count);
            }
        }

        /// <summary>True when reading <paramref name="a"/> comes before reading <paramref name="b"/>; false for equal keys.</summary>
        public static bool Before(ReadingColumns readings, int a, int b)
        {
            ushort idA = readings.SignalId(a);
            ushort idB = readings.SignalId(b);
            return idA < idB || (idA == idB && readings.Time(a) < readings.Time(b));
        }

        private static void Merge(ReadingColumns readings, int[] source, int[] target, int low, int middle, int high)
        {
            int left = low;
            int right = middle;
            for (int k = low; k < high; k++)
            {
                if (left < middle && (right >= high || !Before(readings, source[right], source[left])))
                {
                    target[k] = source[left++];
                }
                else
                {
                    target[k] = source[right++];
                }
            }
        }
    }
}
