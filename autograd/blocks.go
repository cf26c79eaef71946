package autograd

import (
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"unsafe"
	"weak"
)

// Backward visits a graph's nodes in reverse creation order (walk.go): it
// reads an Arena's chunks of op nodes from the newest down. This file keeps
// what that needs: each Arena's op chunks in the order they were made, and
// a way to find, from a node's address, the chunk it is in.

// An op chunk is a head (blockHead) and Values filled from index 0 up, at
// most opChunkLen of them: 1638 Values of 40 bytes and the head fill 64 KiB
// less 8 bytes. Go allocates an object of more than 32 KiB as pages of its
// own; on one step of w2 (AMD EPYC) chunks of 64 KiB made building and
// backward 6% faster than 32 KiB. A graph made a little at a time (a
// small training step sealed after each backward) gets chunks of its own
// size instead, 128 to 1024 Values (Arena.newOpChunk): a fresh 64 KiB
// object per step of a few hundred nodes cost more than the step.
const opChunkLen = 1638

// valueSize is the bytes of a Value.
const valueSize = unsafe.Sizeof(Value{})

// blockInfo describes one op chunk: where it is, the Arena's list it is in
// and its place there. It holds the chunk weakly (by its head), so keeping
// it keeps no graph alive.
type blockInfo struct {
	base  uintptr
	n     int // Values in the chunk
	blk   weak.Pointer[blockHead]
	list  *opList
	seq   int64       // the chunk's place in its Arena: later chunks have greater seq
	freed atomic.Bool // set by the chunk's cleanup
}

// end is the address just past the chunk.
func (b *blockInfo) end() uintptr { return b.base + uintptr(b.n)*valueSize }

// values returns the chunk's Values, or nil once it is freed.
func (b *blockInfo) values() []Value {
	p := b.blk.Value()
	if p == nil || uintptr(unsafe.Pointer(p))+headSize != b.base {
		return nil
	}
	return unsafe.Slice((*Value)(unsafe.Add(unsafe.Pointer(p), headSize)), b.n)
}

// opList is one Arena's op chunks in the order they were made. Chunks that
// the collector freed are dropped from it now and then.
type opList struct {
	mu      sync.Mutex
	blocks  []*blockInfo // by seq
	nextSeq int64
}

// add registers blk, the Values of the Arena's newest op chunk, which
// begins with head.
func (l *opList) add(head *blockHead, blk []Value) {
	info := &blockInfo{base: addrOf(&blk[0]), n: len(blk), blk: weak.Make(head), list: l}
	l.mu.Lock()
	info.seq = l.nextSeq
	l.nextSeq++
	if len(l.blocks) == cap(l.blocks) {
		l.blocks = l.live(len(l.blocks) + 1)
	}
	l.blocks = append(l.blocks, info)
	l.mu.Unlock()
	registry.add(info)
	runtime.AddCleanup(head, func(info *blockInfo) { registry.remove(info) }, info)
}

// live returns a new slice of the chunks still alive, with room for twice
// as many and at least n: a long training loop keeps a short list.
//
// A chunk counts as gone once its cleanup has run (freed): asking its weak
// pointer instead would, while the collector marks, keep alive for one
// more cycle every dead chunk not yet swept (w2 over 200 steps then peaked
// at 23 MB live instead of 6 now and then).
func (l *opList) live(n int) []*blockInfo {
	var keep []*blockInfo
	for _, b := range l.blocks {
		if !b.freed.Load() {
			keep = append(keep, b)
		}
	}
	out := make([]*blockInfo, len(keep), max(2*len(keep), n, 16))
	copy(out, keep)
	return out
}

// snapshot returns the list as it is now: the chunks made later are
// appended past its end, and a compaction makes a new array, so the
// snapshot stays valid while the Arena goes on.
func (l *opList) snapshot() []*blockInfo {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.blocks
}

// blockRegistry finds the chunk of an op node from its address. Its keys
// are addresses divided by 64 KiB: a chunk spans at most two keys.
type blockRegistry struct {
	mu sync.Mutex
	m  map[uintptr][]*blockInfo
}

var registry = blockRegistry{m: map[uintptr][]*blockInfo{}}

const registryShift = 16

func (r *blockRegistry) add(info *blockInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := info.base >> registryShift; k <= (info.end()-1)>>registryShift; k++ {
		r.m[k] = append(r.m[k], info)
	}
}

// remove drops info once its chunk is freed (a cleanup of the chunk).
func (r *blockRegistry) remove(info *blockInfo) {
	info.freed.Store(true)
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := info.base >> registryShift; k <= (info.end()-1)>>registryShift; k++ {
		infos := r.m[k]
		for i, x := range infos {
			if x == info {
				infos = append(infos[:i], infos[i+1:]...)
				break
			}
		}
		if len(infos) == 0 {
			delete(r.m, k)
		} else {
			r.m[k] = infos
		}
	}
}

// find returns the chunk holding v and v's index in it, or nil if v is not
// in an op chunk (a leaf, a constant, or a node made without an Arena).
func (r *blockRegistry) find(v *Value) (*blockInfo, int) {
	a := addrOf(v)
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, info := range r.m[a>>registryShift] {
		if a < info.base || a >= info.end() {
			continue
		}
		// A freed chunk's entry may linger until its cleanup runs, and
		// a new chunk may take its memory: only a live one counts.
		if info.values() != nil {
			return info, int((a - info.base) / valueSize)
		}
	}
	return nil, 0
}

// index returns the position of info in blocks (a snapshot of its list).
func index(blocks []*blockInfo, info *blockInfo) int {
	i := sort.Search(len(blocks), func(i int) bool { return blocks[i].seq >= info.seq })
	if i < len(blocks) && blocks[i] == info {
		return i
	}
	return -1
}
