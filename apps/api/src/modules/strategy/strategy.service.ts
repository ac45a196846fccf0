import type { DataSource } from 'typeorm';
import { NotFoundError, UnauthenticatedError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import { StrategyEntity } from './strategy.entity';

function requireViewer(viewer: Viewer | null | undefined): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

export class StrategyService {
  constructor(private readonly db: DataSource) {}

  /** The viewer's partnership's strategies, newest period first. */
  async listStrategies(viewer: Viewer): Promise<StrategyEntity[]> {
    const v = requireViewer(viewer);
    return this.db.getRepository(StrategyEntity).find({
      where: { partnershipId: v.partnershipId },
      order: { startsOn: { direction: 'DESC', nulls: 'LAST' }, createdAt: 'DESC' },
    });
  }

  /** A strategy of the viewer's partnership, or null (another partnership's is not visible). */
  async findStrategy(viewer: Viewer, id: string): Promise<StrategyEntity | null> {
    const v = requireViewer(viewer);
    return this.db.getRepository(StrategyEntity).findOne({ where: { id, partnershipId: v.partnershipId } });
  }

  async getStrategy(viewer: Viewer, id: string): Promise<StrategyEntity> {
    const s = await this.findStrategy(viewer, id);
    if (!s) throw new NotFoundError('Strategy', id);
    return s;
  }
}
