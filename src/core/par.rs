//! The one switch between parallel and sequential execution. With the `parallel` feature
//! the helpers run on rayon's pool; without it they run in order on the calling thread.
//! Every helper returns its results in input order, so a sequential build gives exactly the
//! results of a parallel one whatever the number of threads.

use std::ops::Range;

#[cfg(feature = "parallel")]
use rayon::prelude::*;

/// `f` applied to every item, in item order. `min_len` is the smallest number of items
/// a parallel task handles (it changes the splitting, never the result).
pub(crate) fn map<T, R, F>(items: &[T], min_len: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        items
            .par_iter()
            .with_min_len(min_len.max(1))
            .map(f)
            .collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        let _ = min_len;
        items.iter().map(f).collect()
    }
}

/// The items for which `f` gives `Some`, in item order.
pub(crate) fn filter_map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> Option<R> + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        items.par_iter().filter_map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().filter_map(f).collect()
    }
}

/// `f` applied to consecutive chunks of `chunk` items (the last may be shorter), with the
/// chunk's number, in chunk order.
pub(crate) fn map_chunks<T, R, F>(items: &[T], chunk: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(usize, &[T]) -> R + Sync + Send,
{
    let chunk = chunk.max(1);
    #[cfg(feature = "parallel")]
    {
        items
            .par_chunks(chunk)
            .enumerate()
            .map(|(i, c)| f(i, c))
            .collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items
            .chunks(chunk)
            .enumerate()
            .map(|(i, c)| f(i, c))
            .collect()
    }
}

/// Record indices `0..n` in ranges of 16,384 for per-chunk work (keys of records).
pub(crate) fn chunk_ranges(n: usize) -> Vec<Range<usize>> {
    const CHUNK: usize = 1 << 14;
    (0..n)
        .step_by(CHUNK)
        .map(|s| s..(s + CHUNK).min(n))
        .collect()
}

/// `f` applied to every range of [`chunk_ranges`]`(n)`, in order.
pub(crate) fn map_record_chunks<R, F>(n: usize, f: F) -> Vec<R>
where
    R: Send,
    F: Fn(Range<usize>) -> R + Sync + Send,
{
    let ranges = chunk_ranges(n);
    #[cfg(feature = "parallel")]
    {
        ranges.into_par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        ranges.into_iter().map(f).collect()
    }
}

/// Sort (unstable: equal elements are indistinguishable for the callers' types).
pub(crate) fn sort_unstable<T: Ord + Send>(v: &mut [T]) {
    #[cfg(feature = "parallel")]
    v.par_sort_unstable();
    #[cfg(not(feature = "parallel"))]
    v.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers_keep_input_order() {
        let v: Vec<u32> = (0..10_000).collect();
        assert_eq!(
            map(&v, 7, |x| x * 2),
            v.iter().map(|x| x * 2).collect::<Vec<_>>()
        );
        assert_eq!(
            filter_map(&v, |&x| (x % 3 == 0).then_some(x)),
            v.iter().copied().filter(|x| x % 3 == 0).collect::<Vec<_>>()
        );
        let sums = map_chunks(&v, 1000, |i, c| (i, c.iter().sum::<u32>()));
        assert_eq!(sums.len(), 10);
        assert_eq!(sums[3], (3, (3000..4000).sum()));
        let ranges = chunk_ranges(40_000);
        assert_eq!(ranges.len(), 3);
        assert_eq!(ranges[2], 32_768..40_000);
        assert_eq!(
            map_record_chunks(40_000, |r| r.len()),
            vec![16_384, 16_384, 7_232]
        );
        let mut w = vec![5, 3, 9, 1];
        sort_unstable(&mut w);
        assert_eq!(w, vec![1, 3, 5, 9]);
    }
}
