import { merkleInclusionProof, merkleRoot, verifyMerkleInclusion } from '@vouch/event-store';

// The reference vectors of RFC 6962 implementations (certificate-transparency's merkle tests).
const leaves = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));
const roots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('merkleRoot (RFC 6962)', () => {
  it('hashes the empty list to SHA-256 of nothing', () => {
    expect(merkleRoot([]).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it.each(roots.map((root, i) => [i + 1, root] as const))(
    'matches the reference root of the first %i leaves',
    (n, root) => {
      expect(merkleRoot(leaves.slice(0, n)).toString('hex')).toBe(root);
    },
  );
});

describe('merkleInclusionProof / verifyMerkleInclusion (RFC 9162)', () => {
  it('proves every leaf of every tree size up to 8 against the reference roots', () => {
    for (let size = 1; size <= leaves.length; size += 1) {
      const tree = leaves.slice(0, size);
      for (let index = 0; index < size; index += 1) {
        const proof = merkleInclusionProof(tree, index);
        expect(verifyMerkleInclusion(tree[index]!, proof, roots[size - 1]!)).toBe(true);
      }
    }
  });

  it('refuses another leaf, another index, a shortened path or another root', () => {
    const proof = merkleInclusionProof(leaves, 5);
    expect(verifyMerkleInclusion(leaves[4]!, proof, roots[7]!)).toBe(false);
    expect(verifyMerkleInclusion(leaves[5]!, { ...proof, index: 4 }, roots[7]!)).toBe(false);
    expect(verifyMerkleInclusion(leaves[5]!, { ...proof, path: proof.path.slice(1) }, roots[7]!)).toBe(false);
    expect(verifyMerkleInclusion(leaves[5]!, proof, roots[6]!)).toBe(false);
    expect(() => merkleInclusionProof(leaves, 8)).toThrow(RangeError);
  });
});
