package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Clusters: in a large story, sites that crowd each other at the current
// zoom gather into one mark with a count (Map.Cluster). The screen is cut
// into square cells of ClusterCell CSS px, fixed to the world at each zoom
// (so a cluster does not change as the map pans); the sites of a cell that
// holds ClusterMin or more of them, none of them the current event's, are
// drawn as one cluster instead. Zooming in cuts the cells smaller in the
// world, and the cluster comes apart.
const (
	// ClusterCell is the side of a cell, in CSS px: about a finger's width,
	// so that a cluster is a target that can be tapped.
	ClusterCell = 44
	// ClusterMin is the fewest sites in a cell that make a cluster: two
	// markers side by side still read as two.
	ClusterMin = 3
	// clusterMaxZoom: from this zoom on sites never cluster (sites at one
	// point would otherwise never come apart).
	clusterMaxZoom = MaxZoom - 0.5
)

// Cluster is sites drawn as one mark: at X, Y (the mean of their positions,
// in screen CSS px), with the number of events at them.
type Cluster struct {
	X, Y   float64
	Sites  []int     // indexes into Story.Sites, in drawing order
	Events int       // the events at those sites (those a Selection keeps)
	Name   int       // the site that names the cluster: the one with the most events (the first of them on a tie)
	Bound  orb.Bound // the sites' longitude/latitude bound: a view that fits it opens the cluster
	Status Status    // Past when one of the sites is past, else Future
	n      int       // sites counted so far
}

// cellKey is a cell of the clustering grid.
type cellKey struct{ x, y int64 }

// clusterCell is what Render knows of a cell: the sites in it that may
// cluster, and the index of its cluster in the scene (-1 until made).
type clusterCell struct {
	n, cluster int
}

// countCell counts a site that may cluster (on screen, not current) into
// its cell.
func (m *Map) countCell(p, off orb.Point) {
	k := cellOf(p, off)
	c, ok := m.cells[k]
	if !ok {
		c.cluster = -1
	}
	c.n++
	m.cells[k] = c
}

// clustered reports whether site j, at screen point p (off: the world pixel
// offset of the screen), belongs to a cluster, and counts it into it. Every
// site that may cluster has been counted first (countCell).
func (m *Map) clustered(sc *Scene, j int, p, off orb.Point, status Status) bool {
	k := cellOf(p, off)
	c := m.cells[k]
	if c.n < ClusterMin {
		return false
	}
	if c.cluster < 0 {
		c.cluster = len(sc.Clusters)
		m.cells[k] = c
		sc.Clusters = append(sc.Clusters, Cluster{Name: j, Status: Future, Bound: m.Story.Sites[j].LonLat.Bound()})
	}
	cl := &sc.Clusters[c.cluster]
	n := float64(cl.n)
	cl.X, cl.Y = (cl.X*n+p[0])/(n+1), (cl.Y*n+p[1])/(n+1)
	cl.n++
	cl.Bound = cl.Bound.Extend(m.Story.Sites[j].LonLat)
	ev := m.siteEvents(j)
	cl.Events += ev
	if ev > m.siteEvents(cl.Name) {
		cl.Name = j
	}
	if status == Past {
		cl.Status = Past
	}
	m.inCluster = append(m.inCluster, [2]int{c.cluster, j})
	return true
}

// clusterSites gives each of the scene's clusters its sites (Cluster.Sites),
// in the order Render met them, in one slice reused between scenes.
func (m *Map) clusterSites(sc *Scene) {
	if len(sc.Clusters) == 0 {
		return
	}
	m.siteBuf = resize(m.siteBuf, len(m.inCluster))
	at := 0
	for i := range sc.Clusters {
		cl := &sc.Clusters[i]
		cl.Sites = m.siteBuf[at : at : at+cl.n]
		at += cl.n
	}
	for _, p := range m.inCluster {
		cl := &sc.Clusters[p[0]]
		cl.Sites = append(cl.Sites, p[1])
	}
}

// cellOf is the cell of the grid holding screen point p.
func cellOf(p, off orb.Point) cellKey {
	return cellKey{int64(math.Floor((p[0] + off[0]) / ClusterCell)), int64(math.Floor((p[1] + off[1]) / ClusterCell))}
}

// siteEvents is the number of events at site j that the map's selection keeps.
func (m *Map) siteEvents(j int) int {
	if m.selection != nil {
		return m.selection.SiteEvents[j]
	}
	if m.allSiteEvents == nil {
		m.allSiteEvents = make([]int, len(m.Story.Sites))
		for i := range m.Story.Events {
			for _, k := range m.Story.Events[i].Sites {
				m.allSiteEvents[k]++
			}
		}
	}
	return m.allSiteEvents[j]
}
